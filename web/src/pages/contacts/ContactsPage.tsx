import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { ColleagueList } from '../../presence/ColleagueList';
import { SavedContacts } from './SavedContacts';
import '../consultations/consultations.css';
import './contacts.css';

/** `/contacts`: the customer's address book; the organisation's colleagues join it as a section of their own. */
export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('contacts.title')}>
      <p className="lead">{t('contacts.intro')}</p>
      <div className="contacts-sections">
        <ColleagueList />
        <SavedContacts />
      </div>
    </Page>
  );
}

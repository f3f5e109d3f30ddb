import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import { getBilling } from '../../api/billing';
import { useSiteInfo } from '../../site/useSiteInfo';

/** Who pays and therefore sees billing: individual customers and organisations' representatives. */
export function managesBilling(account: SessionAccount | null | undefined): boolean {
  if (!account) return false;
  return account.kind === 'individual' || account.organizationRole === 'representative';
}

/**
 * While Stripe retries a declined card (past_due) everything keeps working; this banner asks the
 * person who pays to fix the card before access is restricted. Only where billing is configured.
 */
export function PastDueBanner({ account }: { account: SessionAccount | null | undefined }) {
  const { t } = useTranslation();
  const site = useSiteInfo();
  const [pastDue, setPastDue] = useState(false);
  const asked = Boolean(site?.billing) && managesBilling(account);

  useEffect(() => {
    if (!asked) return;
    let active = true;
    getBilling().then(
      (view) => active && setPastDue(view.state === 'past_due'),
      // The billing page shows why it cannot load; the banner simply stays away.
      () => active && setPastDue(false),
    );
    return () => {
      active = false;
    };
  }, [asked]);

  if (!asked || !pastDue) return null;
  return (
    <div className="alert alert-warning billing-banner" role="region" aria-label={t('billing.title')}>
      <p>
        {t('billing.pastDueBanner')} <Link to="/billing">{t('billing.pastDueLink')}</Link>
      </p>
    </div>
  );
}

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { Page } from '../components/Page';
import { currentLanguage } from '../i18n';
import { helpDe } from './de';
import { helpEn } from './en';
import { HelpText } from './HelpText';
import { matchingQuestions, questionForHash, searchTerms } from './search';
import type { HelpGroup, HelpQuestion } from './types';
import './help.css';

const content = { de: helpDe, en: helpEn };

function Question({ question, hidden }: { question: HelpQuestion; hidden: boolean }) {
  return (
    <details id={question.id} className="help-question" hidden={hidden}>
      <summary>{question.question}</summary>
      <div className="help-answer">
        {question.paragraphs.map((paragraph) => (
          <p key={paragraph}>
            <HelpText text={paragraph} />
          </p>
        ))}
        {question.list ? (
          <ul>
            {question.list.map((item) => (
              <li key={item}>
                <HelpText text={item} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
}

function Group({ group, matches }: { group: HelpGroup; matches: Set<string> }) {
  const hidden = !group.questions.some((question) => matches.has(question.id));
  return (
    <section id={group.id} className="help-group" aria-labelledby={`${group.id}-title`} hidden={hidden}>
      <h2 id={`${group.id}-title`}>{group.title}</h2>
      <p>{group.intro}</p>
      {group.questions.map((question) => (
        <Question key={question.id} question={question} hidden={!matches.has(question.id)} />
      ))}
    </section>
  );
}

/**
 * `/help#<id>` opens that answer and scrolls to it; also when the fragment changes while the page is
 * open (links between answers). A filter that hides the target is cleared first.
 */
function useOpenTarget(groups: readonly HelpGroup[], matches: Set<string>, clearQuery: () => void): void {
  const { hash } = useLocation();
  // Read when the fragment changes: typing in the search must not move the reader.
  const current = useRef({ groups, matches, clearQuery });
  current.current = { groups, matches, clearQuery };
  useEffect(() => {
    const { groups, matches, clearQuery } = current.current;
    const question = questionForHash(groups, hash);
    const id = question?.id ?? decodeURIComponent(hash.replace(/^#/, ''));
    if (!id) return;
    if (question && !matches.has(question.id)) clearQuery();
    // After the filter is cleared and after the layout's scroll-to-top on navigation.
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById(id);
      if (!target?.closest('.help')) return;
      if (target instanceof HTMLDetailsElement) target.open = true;
      target.scrollIntoView({ block: 'start' });
      target.querySelector<HTMLElement>('summary')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [hash]);
}

export function HelpPage() {
  const { t } = useTranslation();
  const { groups } = content[currentLanguage()];
  const [query, setQuery] = useState('');
  const matches = useMemo(() => matchingQuestions(groups, query), [groups, query]);
  const searching = searchTerms(query).length > 0;
  const searchId = useId();
  useOpenTarget(groups, matches, () => setQuery(''));

  return (
    <Page title={t('help.title')}>
      <div className="help">
        <p className="lead">{t('help.lead')}</p>

        <div className="help-search" role="search">
          <div className="field">
            <label htmlFor={searchId}>{t('help.searchLabel')}</label>
            <input
              id={searchId}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              aria-describedby={`${searchId}-hint`}
              autoComplete="off"
            />
            <p id={`${searchId}-hint`} className="field-hint">
              {t('help.searchHint')}
            </p>
          </div>
          <p role="status" className="help-count">
            {searching ? (matches.size > 0 ? t('help.results', { count: matches.size }) : t('help.noResults')) : ''}
          </p>
          {searching && matches.size === 0 ? (
            <p className="alert alert-info help-no-results">
              {t('help.noResultsContact')} <Link to="/contact">{t('help.contactLink')}</Link>
            </p>
          ) : null}
        </div>

        <nav aria-label={t('help.topics')} className="help-topics" hidden={searching}>
          <ul>
            {groups.map((group) => (
              <li key={group.id}>
                <Link to={{ hash: group.id }}>{group.title}</Link>
              </li>
            ))}
          </ul>
        </nav>

        {groups.map((group) => (
          <Group key={group.id} group={group} matches={matches} />
        ))}

        <section className="help-group" aria-labelledby="help-contact">
          <h2 id="help-contact">{t('help.stillStuck')}</h2>
          <p>
            {t('help.noResultsContact')} <Link to="/contact">{t('help.contactLink')}</Link>
          </p>
        </section>
      </div>
    </Page>
  );
}

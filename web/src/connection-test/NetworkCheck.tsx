import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestConfiguration } from '../../../common/api/connection-test';
import { assessNetwork, probeNetwork, type NetworkAssessment } from '../../call';
import { FormAlert } from '../components/feedback';
import type { ConnectionTestLoader } from './api';
import './connection-test.css';

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; assessment: NetworkAssessment; roundTripMs: number | null }
  | { kind: 'unsupported' }
  | { kind: 'failed'; error: unknown };

const tone: Record<NetworkAssessment['verdict'], string> = {
  works: 'alert-success',
  'relay-only': 'alert-info',
  'direct-only': 'alert-warning',
  blocked: 'alert-warning',
  untested: 'alert-info',
};

async function runTest(configuration: ConnectionTestConfiguration): Promise<State> {
  if (typeof window.RTCPeerConnection !== 'function') return { kind: 'unsupported' };
  const observation = await probeNetwork({ iceServers: configuration.iceServers, RTCPeerConnection: window.RTCPeerConnection });
  const assessment = assessNetwork({ ...observation, callsRelayOnly: configuration.callsRelayOnly });
  return { kind: 'done', assessment, roundTripMs: observation.relay?.ok ? observation.relay.roundTripMs : null };
}

function Verdict({ assessment, roundTripMs }: { assessment: NetworkAssessment; roundTripMs: number | null }) {
  const { t } = useTranslation();
  const answer = (value: boolean) => (value ? t('connectionTest.yes') : t('connectionTest.no'));
  const { verdict } = assessment;
  return (
    <div className={`alert ${tone[verdict]} network-verdict`} data-verdict={verdict}>
      <p>
        <strong>{t(`connectionTest.verdict.${verdict}.title`)}</strong>
      </p>
      <p>{t(`connectionTest.verdict.${verdict}.text`)}</p>
      {verdict === 'works' ? null : (
        <p>
          {/* A new tab: following it in this one would end the device check or the waiting. */}
          <a href="/help#connection" target="_blank" rel="noopener">
            {t('connectionTest.helpLink')} <span className="visually-hidden">{t('common.opensInNewTab')}</span>
          </a>
        </p>
      )}
      <details>
        <summary>{t('connectionTest.details')}</summary>
        <ul>
          <li>
            {t('connectionTest.direct')}: {answer(assessment.direct)}
          </li>
          <li>
            {t('connectionTest.relay')}: {answer(assessment.relayWorks)}
          </li>
          {roundTripMs === null ? null : <li>{t('connectionTest.roundTrip', { ms: roundTripMs })}</li>}
        </ul>
      </details>
    </div>
  );
}

/**
 * The network half of the connection test: asks the server for test credentials (each run anew,
 * they last two minutes), gathers candidates, relays a few messages to itself through TURN and says
 * in words what that means. `first`: a configuration already loaded, run at once.
 */
export function NetworkCheck({ load, first, headingLevel = 3 }: { load: ConnectionTestLoader; first?: ConnectionTestConfiguration; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const [state, setState] = useState<State>(first ? { kind: 'running' } : { kind: 'idle' });
  // Results of a run that ends after the component is gone (or after a newer run started) are dropped.
  const runs = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback((configuration?: ConnectionTestConfiguration) => {
    const id = ++runs.current;
    setState({ kind: 'running' });
    const outcome = (configuration ? Promise.resolve(configuration) : loader.current()).then(runTest);
    outcome.then(
      (next) => {
        if (runs.current === id) setState(next);
      },
      (error: unknown) => {
        if (runs.current === id) setState({ kind: 'failed', error });
      },
    );
  }, []);

  const firstRun = useRef(first);
  useEffect(() => {
    if (firstRun.current) run(firstRun.current);
    return () => {
      runs.current += 1;
    };
  }, [run]);

  return (
    <section className="network-check" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('connectionTest.networkTitle')}</Heading>
      <p>{t('connectionTest.networkIntro')}</p>
      <div role="status" aria-live="polite">
        {state.kind === 'running' ? (
          <p className="network-running">
            <span className="spinner" aria-hidden="true" /> {t('connectionTest.networkRunning')}
          </p>
        ) : null}
        {state.kind === 'done' ? <Verdict assessment={state.assessment} roundTripMs={state.roundTripMs} /> : null}
        {state.kind === 'unsupported' ? <p className="alert alert-warning">{t('connectionTest.unsupported')}</p> : null}
      </div>
      {state.kind === 'failed' ? (
        <FormAlert error={state.error}>
          <p>{t('connectionTest.failed')}</p>
        </FormAlert>
      ) : null}
      <p>
        <button type="button" className="button button-secondary" onClick={() => run()} disabled={state.kind === 'running'}>
          {state.kind === 'idle' ? t('connectionTest.networkStart') : t('connectionTest.networkRetry')}
        </button>
      </p>
    </section>
  );
}

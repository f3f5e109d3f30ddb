import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarFeedCreated, calendarFeedParams, calendarFeedSettings, calendarFeedView } from '../../common/api/calendar-feed';
import { requireSession } from '../http/auth';
import { limitPer } from '../throttle/route-limits';
import type { CalendarFeeds, FeedState } from './feed';

const tags = ['appointments'];
const changes = [limitPer('appointmentChangesPerAccount', 'account')];

const present = (state: FeedState) => ({ active: state.active, createdAt: state.createdAt?.toISOString() ?? null, showInitials: state.showInitials });

/** The professional's calendar subscription (issue 10): its settings, and the feed a calendar app polls. */
export function registerCalendarFeedRoutes(app: FastifyInstance, feeds: CalendarFeeds): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/calendar-feed/:token', {
    config: { access: 'public', limits: [limitPer('calendarFeedFetchesPerToken', 'params.token'), limitPer('calendarFeedFetchesPerClient', 'client')] },
    schema: {
      tags,
      summary: 'The calendar subscription (text/calendar): the professional’s firm appointments, no patient names unless they opted in to initials',
      params: calendarFeedParams,
    },
    handler: async (request, reply) => {
      const body = await feeds.render(request.params.token);
      // The URL is a credential: no cache or search engine may keep the answer.
      return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/calendar; charset=utf-8').send(body);
    },
  });

  api.get('/api/calendar-feed', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Whether the own calendar subscription is on (its URL is shown only when created)', response: { 200: calendarFeedView } },
    handler: async (request) => present(await feeds.state(requireSession(request).accountId)),
  });

  api.post('/api/calendar-feed', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Create or replace the calendar subscription URL (the old one stops working)', response: { 201: calendarFeedCreated } },
    handler: async (request, reply) => {
      const created = await feeds.create(requireSession(request).accountId);
      return reply.status(201).send({ ...present(created), url: created.url, webcalUrl: created.webcalUrl });
    },
  });

  api.delete('/api/calendar-feed', {
    config: { access: 'customer', limits: changes },
    schema: { tags, summary: 'Revoke the calendar subscription: its URL answers 404 from now on', response: { 200: calendarFeedView } },
    handler: async (request) => present(await feeds.revoke(requireSession(request).accountId)),
  });

  api.put('/api/calendar-feed', {
    config: { access: 'customer', limits: changes },
    schema: {
      tags,
      summary: 'Show patients’ initials in the feed, or no names at all (the default)',
      body: calendarFeedSettings,
      response: { 200: calendarFeedView },
    },
    handler: async (request) => present(await feeds.setShowInitials(requireSession(request).accountId, request.body.showInitials)),
  });
}

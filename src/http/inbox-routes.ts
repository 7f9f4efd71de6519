// The inbox over HTTP: what `lectio inbox`, `inbox keep` and `inbox dismiss` do, through the
// same core (src/core/inbox.ts). Fetching feeds stays a command (`lectio feed fetch`): it
// talks to the network, which the API server does not do on a page's behalf.

import { z } from 'zod';
import { dismissInboxItem, inboxView, keepInboxItem } from '../core/inbox.js';
import { itemId, type Route, route } from './route.js';

export const inboxRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/inbox',
    tag: 'inbox',
    summary: 'new papers from the feeds, best match first, with why each was ranked (lectio inbox)',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    handle: ({ store }, { query }) => inboxView(store, query.limit),
  }),
  route({
    method: 'GET',
    path: '/api/feeds',
    tag: 'inbox',
    summary: 'the feeds you follow (lectio feed list)',
    handle: ({ store }) => store.feedStore().feeds(),
  }),
  route({
    method: 'POST',
    path: '/api/inbox/:id/keep',
    tag: 'inbox',
    summary:
      'keep an entry: to-read, under a topic (default: its best topic), with a why (lectio inbox keep)',
    body: z.object({ topic: z.string().min(1).max(500).optional(), why: z.string().max(10_000).optional() }),
    handle: ({ store, now }, { params, body }) =>
      keepInboxItem(
        store,
        itemId(store, params),
        { ...(body.topic ? { topic: body.topic } : {}), ...(body.why ? { why: body.why } : {}) },
        now(),
      ),
  }),
  route({
    method: 'POST',
    path: '/api/inbox/:id/dismiss',
    tag: 'inbox',
    summary: 'dismiss an entry: it never comes back, and papers like it rank lower (lectio inbox dismiss)',
    handle: ({ store, now }, { params }) => {
      const one = itemId(store, params);
      return { id: one, ...dismissInboxItem(store, one, now()) };
    },
  }),
];

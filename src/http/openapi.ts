// The OpenAPI document, written from the route table and its zod schemas: what is
// documented is what is validated.

import { z } from 'zod';
import type { Route } from './route.js';

const ERROR = {
  description: 'an error: code is bad_input, unauthorized, forbidden, not_found, ambiguous, conflict, busy…',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([a-z]+)/gu, '{$1}');
    const parameters: unknown[] = [...r.path.matchAll(/:([a-z]+)/gu)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query) {
      const schema = jsonSchema(r.query, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: property,
        });
      }
    }
    const operation: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      parameters,
      responses: {
        [String(r.status ?? 200)]: { description: 'ok', content: { 'application/json': {} } },
        default: ERROR,
      },
    };
    if (r.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
      };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'lectio',
      version: '0.1.0',
      description:
        'The library over JSON HTTP, as the CLI sees it. Writes need Content-Type: application/json and, from a browser, a same-origin Origin; beyond loopback every request needs the token (Authorization: Bearer TOKEN).',
    },
    paths,
  };
}

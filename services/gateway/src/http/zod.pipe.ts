import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldError } from '@kinerja/platform/errors';
import { ProblemException } from './problem.js';

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        field: [...issue.path, ...issue.keys].map(String).join('.'),
        code: 'UNKNOWN_FIELD',
        message: 'Unknown field.',
      };
    }
    return {
      field: issue.path.map(String).join('.') || '(body)',
      code: issue.code === 'invalid_type' && issue.input === undefined ? 'REQUIRED' : issue.code.toUpperCase(),
      message: issue.message,
    };
  });
}

/** Validates once at the boundary (STYLE.md); unknown fields are refused by the strict schemas. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    // The input is reported so a wrong type is told apart from a missing value.
    const parsed = this.schema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    throw new ProblemException('VALIDATION_FAILED', 'The request has invalid fields.', fieldErrorsOf(parsed.error));
  }
}

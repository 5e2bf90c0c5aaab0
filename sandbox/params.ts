/** Reading query parameters and JSON bodies, answering 400 in the validation shape on bad input. */
import type { Ctx, Query } from './context';
import { fail, validationError } from './errors';

/** The first value of a query parameter. */
export function one(query: Query, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Repeated and comma-separated values alike, trimmed, empties dropped. */
export function many(query: Query, name: string): string[] {
	const value = query[name];
	const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
	return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function positiveInt(query: Query, name: string): number | undefined {
	const value = one(query, name);
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1) fail(validationError([`Invalid parameter "${name}": must be a positive integer`]));
	return Number(value);
}

export function numberParam(query: Query, name: string): number | undefined {
	const value = one(query, name);
	if (value === undefined) return undefined;
	if (value.trim() === '' || !Number.isFinite(Number(value))) fail(validationError([`Invalid parameter "${name}": must be a number`]));
	return Number(value);
}

export function dateParam(query: Query, name: string): number | undefined {
	const value = one(query, name);
	if (value === undefined) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) fail(validationError([`Invalid parameter "${name}": must be an ISO 8601 date`]));
	return ms;
}

export function isDateOnly(value: string | undefined): boolean {
	return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * A JSON object body, read field by field; every problem is collected so one 400 names them all,
 * as the API's validation errors do.
 */
export class BodyReader {
	readonly details: string[] = [];
	private readonly fields: Record<string, unknown>;

	constructor(ctx: Ctx) {
		if (ctx.bodyInvalid) fail(validationError(['Request body must be valid JSON']));
		const body = ctx.body ?? {};
		if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(validationError(['Request body must be a JSON object']));
		this.fields = body as Record<string, unknown>;
	}

	has(field: string): boolean {
		return this.fields[field] !== undefined && this.fields[field] !== null;
	}

	string(field: string, required = false): string | undefined {
		const value = this.fields[field];
		if (value === undefined || value === null || value === '') {
			if (required) this.details.push(`Missing required field: "${field}"`);
			return undefined;
		}
		if (typeof value !== 'string') {
			this.details.push(`Invalid field: "${field}" must be a string`);
			return undefined;
		}
		return value;
	}

	strings(field: string): string[] | undefined {
		const value = this.fields[field];
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
			this.details.push(`Invalid field: "${field}" must be an array of strings`);
			return undefined;
		}
		return value as string[];
	}

	object(field: string): Record<string, unknown> | undefined {
		const value = this.fields[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'object' || Array.isArray(value)) {
			this.details.push(`Invalid field: "${field}" must be an object`);
			return undefined;
		}
		return value as Record<string, unknown>;
	}

	number(field: string): number | undefined {
		const value = this.fields[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			this.details.push(`Invalid field: "${field}" must be a number`);
			return undefined;
		}
		return value;
	}

	/** Answers 400 if any field was wrong. */
	done(): void {
		if (this.details.length > 0) fail(validationError(this.details));
	}
}

/** What the API said in an unsuccessful answer, whichever of the three documented shapes it used. */
export interface ApiWords {
	message?: string;
	details: string[];
	code?: string;
	/** The body was an HTML page (a proxy or gateway answered), with its title when it had one. */
	html?: { title?: string };
}

const asText = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export function isHtml(text: string): boolean {
	return /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

export function readApiWords(body: unknown): ApiWords {
	if (typeof body === 'string') {
		if (isHtml(body)) {
			const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
			return { details: [], html: { title: title || undefined } };
		}
		return { message: asText(body)?.slice(0, 300), details: [] };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { details: [] };
	const record = body as Record<string, unknown>;
	const details = Array.isArray(record.details)
		? record.details.map((detail) => (typeof detail === 'string' ? detail : JSON.stringify(detail)))
		: [];
	const error = record.error;
	if (error && typeof error === 'object' && !Array.isArray(error)) {
		const nested = error as Record<string, unknown>;
		return {
			message: asText(nested.message) ?? asText(nested.type),
			details,
			code: asText(nested.code) ?? asText(nested.type),
		};
	}
	return { message: asText(error) ?? asText(record.message), details };
}

/** The scope a 403 names, e.g. "Access denied. Required: territories:read". */
export function missingScope(message: string | undefined): string | undefined {
	return message ? /required(?:\s+scopes?)?\s*:\s*([\w*]+:[\w*]+)/i.exec(message)?.[1] : undefined;
}

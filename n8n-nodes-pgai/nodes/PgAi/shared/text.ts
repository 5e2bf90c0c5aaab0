/** A string with something in it, or undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The parts that are text, joined by spaces; undefined when none is. */
export const joined = (...parts: unknown[]): string | undefined => text(parts.map(text).filter(Boolean).join(' '));

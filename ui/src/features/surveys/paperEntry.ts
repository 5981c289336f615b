// Reading what a data-entry person types for one question of a paper form: a rating's number,
// a choice's number on the form (or its label or key), several choices separated by spaces or
// commas, or the words of a text answer. Pure, so it is tested on its own.
import type { Answer, SurveyQuestion } from '../../backend/bindings';

/** `answer` is null for a blank entry; `ok` is false when the entry cannot be read. */
export type Parsed = { answer: Answer | null; ok: boolean };

function option(q: SurveyQuestion, token: string): string | null {
  if (q.kind.type !== 'single' && q.kind.type !== 'multiple') return null;
  const options = q.kind.options;
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= options.length ? options[n - 1].key : null;
  }
  const t = token.trim().toLowerCase();
  const found = options.find((o) => o.key.toLowerCase() === t || o.label.en.trim().toLowerCase() === t || o.label.lo.trim() === token.trim());
  return found ? found.key : null;
}

export function parseAnswer(q: SurveyQuestion, raw: string): Parsed {
  const text = raw.trim();
  if (text === '') return { answer: null, ok: true };
  switch (q.kind.type) {
    case 'rating': {
      if (!/^\d+$/.test(text)) return { answer: null, ok: false };
      const v = Number(text);
      return v >= q.kind.min && v <= q.kind.max ? { answer: { type: 'rating', value: v }, ok: true } : { answer: null, ok: false };
    }
    case 'single': {
      const key = option(q, text);
      return key ? { answer: { type: 'choice', value: key }, ok: true } : { answer: null, ok: false };
    }
    case 'multiple': {
      const keys: string[] = [];
      for (const token of text.split(/[\s,;]+/).filter((t) => t !== '')) {
        const key = option(q, token);
        if (!key) return { answer: null, ok: false };
        if (!keys.includes(key)) keys.push(key);
      }
      return { answer: { type: 'choices', value: keys }, ok: true };
    }
    default:
      return { answer: { type: 'text', value: raw }, ok: true };
  }
}

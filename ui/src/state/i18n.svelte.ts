// Every string the UI shows comes from locales/*.yml, delivered whole by the backend, so a
// language switch changes every label at once. Parameters are written %{name}.
import type { SalaError, TemplateProblem, UiLanguage } from '../backend/bindings';
import type { Backend, Messages } from '../backend/backend';
import { isSalaError } from '../backend/backend';

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/%\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

class I18n {
  lang = $state<UiLanguage>('en');
  messages = $state<Messages>({});

  /** The message for `key`; the key itself when missing (a test forbids that). */
  t(key: string, params?: Record<string, string | number>): string {
    // A count of one takes the key's `_one` form where it has one (as sala_i18n::message).
    const count = params?.n ?? params?.count;
    const one = String(count) === '1' && this.messages[`${key}_one`] !== undefined;
    const template = this.messages[one ? `${key}_one` : key];
    return template === undefined ? key : fill(template, params);
  }

  /** A typed error, or anything else thrown, as a sentence in the current language. */
  error(e: unknown): string {
    if (isSalaError(e)) {
      const err = e as SalaError;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(err.params)) if (v !== undefined) params[k] = v;
      // What the operating system said, in the user's language, and what to do (as
      // sala_i18n::error_message does): only where the sentence has room for it.
      const key = `error.${err.code}`;
      const reason = params.reason;
      const said = reason && reason !== 'other' && this.messages[`io_reason.${reason}`] !== undefined && (this.messages[key] ?? '').includes('%{detail}');
      if (said) params.detail = this.t(`io_reason.${reason}`);
      // A parameter the error lacks is shown as "…", never as %{name}.
      const text = this.t(key, params).replace(/%\{\w+\}/g, '…');
      return said ? `${text} ${this.t(`io_advice.${reason}`)}` : text;
    }
    return this.t('error.storage', { detail: String(e) });
  }

  async load(backend: Backend, lang: UiLanguage): Promise<void> {
    this.set(lang, await backend.messages(lang));
  }

  set(lang: UiLanguage, messages: Messages): void {
    this.messages = messages;
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  /** Bilingual text in the current language. */
  pick(text: { en: string; lo: string }): string {
    return this.lang === 'lo' ? text.lo || text.en : text.en || text.lo;
  }

  /** Bilingual text in the current language, the language it is in, and whether that is the
   *  other one because this one was left empty (shown with a marker, never refused). */
  pickMarked(text: { en: string; lo: string }): { text: string; lang: UiLanguage; other: boolean } {
    const want = this.lang;
    const other: UiLanguage = want === 'lo' ? 'en' : 'lo';
    if (text[want].trim() || !text[other].trim()) return { text: text[want], lang: want, other: false };
    return { text: text[other], lang: other, other: true };
  }

  /** A problem of a template or a workshop being set up, in words. */
  problem(p: TemplateProblem): string {
    if (p.kind === 'syntax') {
      return p.line === null
        ? this.t('template.problem.syntax', { detail: p.detail })
        : this.t('template.problem.syntax_line', { line: String(p.line), detail: p.detail });
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) if (k !== 'kind') params[k] = String(v);
    return this.t(`template.problem.${p.kind}`, params);
  }
}

export const i18n = new I18n();

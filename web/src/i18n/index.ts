/** Two dictionaries, one switch: the language is chosen once (browser default, then the user) and passed down. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type MessageKey, en } from './en.js';
import { zh } from './zh.js';

export type Language = 'en' | 'zh';
export type Translate = (key: MessageKey) => string;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, zh };
const STORAGE_KEY = 'neutral.lang';

export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  return (globalThis.navigator?.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function rememberLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
}

export function translator(lang: Language): Translate {
  const dictionary = DICTIONARIES[lang];
  return (key) => dictionary[key];
}

export const LanguageContext = createContext<{ lang: Language; t: Translate }>({ lang: 'en', t: translator('en') });

export const useI18n = (): { lang: Language; t: Translate } => useContext(LanguageContext);

export type { MessageKey };

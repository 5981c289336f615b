// Reading what is typed from a paper form, question by question: small cases behind check().
import { describe, expect, it } from 'vitest';
import { parseAnswer } from './paperEntry';
import type { Answer, QuestionKind, SurveyQuestion } from '../../backend/bindings';

const b = (en: string, lo: string) => ({ en, lo });
const q = (kind: QuestionKind): SurveyQuestion => ({ key: 'q', text: b('Q', 'ຄ'), kind, required: false, topic: null });
const rating = q({ type: 'rating', min: 1, max: 5, low: b('', ''), high: b('', '') });
const options = [
  { key: 'yes', label: b('Yes', 'ແມ່ນ') },
  { key: 'partly', label: b('Partly', 'ບາງສ່ວນ') },
  { key: 'no', label: b('No', 'ບໍ່') },
];
const single = q({ type: 'single', options });
const multiple = q({ type: 'multiple', options });
const text = q({ type: 'long_text' });

function check(question: SurveyQuestion, typed: string, answer: Answer | null | 'not understood') {
  const p = parseAnswer(question, typed);
  if (answer === 'not understood') expect(p.ok, typed).toBe(false);
  else expect(p, typed).toEqual({ answer, ok: true });
}

describe('paper entry', () => {
  it('reads ratings within the scale only', () => {
    check(rating, '', null);
    check(rating, ' 4 ', { type: 'rating', value: 4 });
    check(rating, '5', { type: 'rating', value: 5 });
    check(rating, '0', 'not understood');
    check(rating, '6', 'not understood');
    check(rating, '3.5', 'not understood');
    check(rating, 'four', 'not understood');
  });

  it('reads a choice by its number on the form, its label in either language, or its key', () => {
    check(single, '1', { type: 'choice', value: 'yes' });
    check(single, '3', { type: 'choice', value: 'no' });
    check(single, 'partly', { type: 'choice', value: 'partly' });
    check(single, 'ບໍ່', { type: 'choice', value: 'no' });
    check(single, '4', 'not understood');
    check(single, '1 2', 'not understood');
  });

  it('reads several choices separated by spaces or commas, each once', () => {
    check(multiple, '1 3', { type: 'choices', value: ['yes', 'no'] });
    check(multiple, '3,1, 3', { type: 'choices', value: ['no', 'yes'] });
    check(multiple, '1 9', 'not understood');
  });

  it('keeps the words of a text answer as typed', () => {
    check(text, 'ຮ່າງນະໂຍບາຍແລ້ວ', { type: 'text', value: 'ຮ່າງນະໂຍບາຍແລ້ວ' });
    check(text, '  ', null);
  });
});

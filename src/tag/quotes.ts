// Who said what: quotations (« » “ ” " ") and reported speech (قال … إن / أن / :) attributed to the
// actor who said them. One left-to-right pass over the article's tokens, with the actor mentions the
// matcher already found. Speech verbs and the words around them are data: registry/speech.yaml.
import type { Quote, Registry } from "../model.ts";
import { formsOf, tokenize, withoutConjunction, type Token } from "../text/index.ts";

export interface SpeechRules {
  verbs: Set<string>;
  objectVerbs: Set<string>;
  participles: Set<string>;
  complementizers: string[][];
  /** First words of the complementizers, to skip the rest quickly. */
  complementizerStarts: Set<string>;
  fillers: Set<string>;
  prepositions: Set<string>;
  heads: Set<string>;
  /** Prepositions that bring the object of a speech verb ("أعرب عن", "دعا إلى", "حث على"), not where it was said. */
  objectPrepositions: Set<string>;
  /** After a comma, phrases that end reported speech ("حسب", "في حين"). */
  clauseEnds: string[][];
  beforeSubject: Set<string>;
  /** Words a role title never runs across (titles.yaml stops): where a speaker's title and name end. */
  stops: Set<string>;
  /** Given names (titles.yaml givenNames): one right after a registry name in a title starts the speaker's name. */
  givenNames: Set<string>;
}

const words = (list: string[]) => new Set(list.flatMap((w) => tokenize(w).map((t) => t.folded)));

export function compileSpeech(reg: Registry): SpeechRules {
  return {
    verbs: words(reg.speech.verbs),
    objectVerbs: words(reg.speech.objectVerbs),
    participles: words(reg.speech.participles),
    complementizers: reg.speech.complementizers.map((c) => tokenize(c).map((t) => t.folded)).sort((a, b) => b.length - a.length),
    complementizerStarts: new Set(reg.speech.complementizers.map((c) => tokenize(c)[0]!.folded)),
    fillers: words(reg.speech.fillers),
    prepositions: words(reg.speech.prepositions),
    heads: words(reg.titleHeads),
    objectPrepositions: words(["عن", "على", "إلى", "الى"]),
    clauseEnds: reg.speech.clauseEnds.map((c) => tokenize(c).map((t) => t.folded)),
    beforeSubject: words(reg.speech.beforeSubject),
    stops: words(reg.titleStops),
    givenNames: words(reg.givenNames),
  };
}

/** An actor named in the article, by token range. */
export interface Mention {
  from: number;
  to: number;
  id: string;
  person: boolean;
  /** "female", "male", or null for organisations (which take either form). */
  gender: "female" | "male" | null;
  /** A particle is attached to the name ("لخادم الحرمين الشريفين", "بأوباما"): it is no subject. */
  prefixed?: boolean;
}

/** How many words after a speech verb its speaker and the start of what was said are looked for. */
const WINDOW = 30;

const OPEN = "«“\"„”(";
const CLOSE_OF: Record<string, string> = { "«": "»", "“": "”", '"': '"', "„": "”", "”": "”", "(": ")" };
/** . ! ? ؟ … or a newline: where reported speech ends. */
function isSentenceEnd(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x61f || c === 0x2026 || c === 0x0a;
}

function has(set: Set<string>, t: Token): boolean {
  const forms = formsOf(t);
  for (let k = 0; k < forms.length; k++) if (set.has(forms[k]!)) return true;
  return false;
}

/**
 * The offset of the first colon or opening quotation mark (: ： « “ " „) in text[from, to), or −1. A ” that
 * follows a space, a colon or a comma opens a quotation too ("وأضاف ” نحن …"), and so does a dash between
 * spaces ("وأضاف – نشكر …").
 */
function markIn(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3a || c === 0xff1a || c === 0xab || c === 0x201c || c === 0x22 || c === 0x201e) return k;
    if ((c === 0x201d || c === 0x2013 || c === 0x2014) && k > 0 && /[\s:،,]/.test(text[k - 1]!) && (c === 0x201d || /\s/.test(text[k + 1] ?? ""))) return k;
  }
  return -1;
}

/** Verbs take only و/ف in front ("وقال", "فدعا"): "كيري" is not ك + "يرى". */
function isVerb(set: Set<string>, t: Token): boolean {
  if (set.has(t.folded)) return true;
  const bare = withoutConjunction(t);
  return bare !== null && set.has(bare);
}

/** The quoted text that opens at `at` (an opening mark), without the marks. */
function quotedAt(text: string, at: number): { text: string; end: number } | null {
  const open = text[at]!;
  const close = CLOSE_OF[open];
  if (!close) return null;
  let end = text.indexOf(close, at + 1);
  // A straight quote left unclosed in the paragraph: take the paragraph's rest.
  const nl = text.indexOf("\n", at + 1);
  if (end < 0 || (nl >= 0 && nl < end && open === '"')) end = nl >= 0 ? nl : text.length;
  const inner = text.slice(at + 1, end).trim();
  return inner ? { text: inner, end } : null;
}

/**
 * What was said, starting at offset `at`: a quotation, or reported speech up to the end of the sentence.
 * Reported speech is split where the sentence goes on with another statement ("، وإن …", "، مؤكدا أن …"):
 * `splitAt(offset)` says whether the words after a comma start one.
 */
function contentAt(text: string, at: number, splitAt: (offset: number) => "same" | "next" | null, newStatementAt: (offset: number) => boolean): string[] {
  let i = at;
  while (i < text.length && /[\s:：ـ–—]/.test(text[i]!)) i++;
  if (OPEN.includes(text[i] ?? "")) {
    const q = quotedAt(text, i);
    // A quotation runs exactly from its opening to its closing mark, when it is a statement of its own: three
    // words or more, or followed by the end of the sentence or a comma ("إن "الاتفاق" سيفشل" is not one).
    if (q) {
      const whole = q.text.split(/\s+/).length >= 3 || /^[\s"»”)]*([.!?؟…\n،,]|$)/.test(text.slice(q.end + 1));
      if (whole) return [q.text.replace(/^[\s،,:؛]+|[\s،,:؛.]+$/gu, "")];
    }
  }
  const pieces: string[] = [];
  let depth = 0;
  let start = i;
  const push = (end: number) => {
    const s = tidy(text.slice(start, end));
    // Two words or more (tidy() trims: any white space is between words).
    if (/\s/.test(s)) pieces.push(s);
  };
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0xab || c === 0x201c || c === 0x201e) depth++; // « “ „
    else if (c === 0xbb || c === 0x201d) depth = Math.max(0, depth - 1); // » ”
    else if (c === 0x22) depth = depth ? depth - 1 : depth + 1; // "
    else if (c === 0x0a || (depth === 0 && isSentenceEnd(c))) break;
    // "… في محاربة الإرهاب مشيرا إلى أن …", "… ومناطق أخرى وقال إن …": another statement begins.
    else if (depth === 0 && (c === 0x20 || c === 0xa0) && j > i && newStatementAt(j + 1)) break;
    else if (depth === 0 && (c === 0x60c || c === 0x2c)) { // ، ,
      const split = splitAt(j + 1);
      if (split === "next") break;
      if (split === "same") {
        push(j);
        start = j + 1;
      }
    }
  }
  push(j);
  return pieces;
}

/** What was said, without the punctuation, "إن/أن" or lone quotation marks around it. */
export function tidy(s: string): string {
  let t = s.trim();
  for (let k = 0; k < 3; k++) {
    const before = t;
    t = t
      .replace(/^[\s،,:؛.\-–ـ]+/u, "")
      .replace(/^[وف]?ب?(?:إن|أن|ان)(?:ه|ها|هم|نا|ني)?(?=[\s"«“])\s*/u, "")
      .replace(/[\s،,:؛\-–ـ]+$/u, "")
      .trim();
    // A quotation mark with no partner inside the text is left over from the sentence around it.
    for (const [open, close] of [["«", "»"], ["“", "”"]] as const) {
      if (t.startsWith(open) && !t.includes(close)) t = t.slice(1);
      if (t.endsWith(close) && !t.includes(open)) t = t.slice(0, -1);
    }
    if ((t.match(/"/g) ?? []).length % 2 === 1) t = t.startsWith('"') ? t.slice(1) : t.endsWith('"') ? t.slice(0, -1) : t;
    if (/^(?:«[^«»]*»|“[^“”]*”|"[^"]*")$/u.test(t)) t = t.slice(1, -1);
    if (t === before) break; // the same again in the next round
  }
  return t.trim();
}

/** Resolve a title written without a name ("الرئيس التركي") to the one actor of the article it fits. */
export type TitleIndex = Map<string, Set<string>>;

function titleAt(tokens: Token[], j: number, titles: TitleIndex): { id: string; to: number } | null {
  for (let len = 6; len >= 2; len--) {
    if (j + len > tokens.length) continue;
    // The folded words after the first, joined by spaces (no arrays made: titleAt runs for every title word).
    let rest = "";
    let broken = false;
    for (let k = j + 1; k < j + len; k++) {
      if (tokens[k]!.breakBefore) {
        broken = true;
        break;
      }
      rest += (k > j + 1 ? " " : "") + tokens[k]!.folded;
    }
    if (broken) continue;
    const first = formsOf(tokens[j]!);
    for (const f of first) {
      const ids = titles.get(rest ? `${f} ${rest}` : f);
      if (ids && ids.size === 1) return { id: [...ids][0]!, to: j + len };
    }
  }
  return null;
}

export function findQuotes(text: string, tokens: Token[], mentions: Mention[], titles: TitleIndex, r: SpeechRules): Quote[] {
  const quotes: Quote[] = [];
  const startsAt = new Map<number, Mention>();
  const endsAt = new Map<number, Mention>();
  for (const m of mentions) {
    if (!startsAt.has(m.from)) startsAt.set(m.from, m);
    endsAt.set(m.to, m);
  }
  const complementizerAt = (j: number): number => {
    const f0 = tokens[j]!.folded;
    const bare = withoutConjunction(tokens[j]!) ?? f0;
    if (startsAt.has(j) || (!r.complementizerStarts.has(f0) && !r.complementizerStarts.has(bare))) return -1;
    for (const c of r.complementizers) {
      if (j + c.length > tokens.length) continue;
      // Only و/ف come off a complementizer: "بان" is a name, not ب + أن.
      if (f0 !== c[0] && bare !== c[0]) continue;
      if (c.slice(1).every((w, k) => tokens[j + 1 + k]!.folded === w && !tokens[j + 1 + k]!.breakBefore)) return j + c.length;
    }
    return -1;
  };
  let last: string | null = null;
  let saidUntil = 0;
  const genderOf = new Map(mentions.map((m) => [m.id, m.gender]));
  // A feminine form ("قالت", "مؤكدة") is the masculine form with ت/ة: both are in the lists.
  const feminine = (t: Token): boolean => {
    const bare = withoutConjunction(t);
    const f = bare !== null && !r.verbs.has(t.folded) && !r.participles.has(t.folded) ? bare : t.folded;
    return (f.endsWith("ت") && (r.verbs.has(f.slice(0, -1)) || r.verbs.has(f.slice(0, -1) + "ي"))) || (f.endsWith("ه") && r.participles.has(f.slice(0, -1) + "ا"));
  };
  const agrees = (id: string, t: Token) => {
    const g = genderOf.get(id);
    return g === null || g === undefined || (g === "female") === feminine(t);
  };
  // Sentence index of every token, the first person named in each sentence, and who spoke in it.
  const sentenceIdx = new Int32Array(tokens.length);
  for (let k = 1; k < tokens.length; k++) sentenceIdx[k] = sentenceIdx[k - 1]! + (tokens[k]!.breakBefore ? 1 : 0);
  const sentenceOf = (k: number) => sentenceIdx[k]!;
  const spokeAt = new Map<number, string | null>();
  const sentenceStart = new Int32Array(tokens.length);
  for (let k = 1; k < tokens.length; k++) sentenceStart[k] = tokens[k]!.breakBefore ? k : sentenceStart[k - 1]!;
  const isTitleWord = (x: Token) => has(r.heads, x) || /^(?:ال|لل)/.test(x.folded);
  // The subject of a sentence: a person named near its start ("ألقى الملك سلمان كلمة أكد فيها …"), not one
  // named in a phrase with ل or ب ("ورفع السفير التعازي لخادم الحرمين الشريفين الملك سلمان").
  const sentenceSubject = (i: number): string | undefined => {
    for (const m of mentions) {
      if (m.from >= i) break;
      if (!m.person || m.prefixed || sentenceOf(m.from) !== sentenceOf(i) || m.from - sentenceStart[m.from]! > 8) continue;
      let k = m.from - 1;
      // "لخادم الحرمين الشريفين الملك سلمان": a name right after a name with ل or ب goes with it.
      if (endsAt.get(m.from)?.prefixed) continue;
      while (k >= sentenceStart[m.from]! && !tokens[k + 1]!.commaBefore && isTitleWord(tokens[k]!)) k--;
      const titleStart = tokens[k + 1]!;
      if (k + 1 < m.from && /^[لب]/.test(titleStart.folded) && !r.heads.has(titleStart.folded)) continue;
      return m.id;
    }
    return undefined;
  };
  const add = (actor: string, pieces: string[]) => {
    for (const p of pieces) if (!quotes.some((q) => q.actor === actor && q.text === p)) quotes.push({ actor, text: p });
    if (pieces.length) last = actor;
  };
  // After a comma: "وإن/وأن …" goes on with the same speaker; a speech verb or participle is a new statement.
  const tokenAtOffset = (offset: number): number => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < tokens.length ? lo : -1;
  };
  const splitAt = (offset: number): "same" | "next" | null => {
    const k = tokenAtOffset(offset);
    if (k < 0) return null;
    const bare = withoutConjunction(tokens[k]!);
    if (bare !== null && r.complementizers.some((c) => c.length === 1 && c[0] === bare)) return "same";
    for (let x = k; x <= k + 1 && x < tokens.length; x++) if (isVerb(r.verbs, tokens[x]!) || isVerb(r.participles, tokens[x]!)) return "next";
    if (isNewStatement(k) || (k + 1 < tokens.length && isNewStatement(k + 1))) return "next"; // "…، إلا أنه أضاف أن …"
    // "…، حسب موقع …", "…، وذلك بعد …", "…، في حين …": the clause has ended.
    for (const c of r.clauseEnds) if (c.every((w, n) => k + n < tokens.length && tokens[k + n]!.folded === w)) return "next";
    return null;
  };
  // Without a comma: a participle ("مشيرا إلى أن"), or a speech verb with و/ف or after لكن ("وقال إن …",
  // "لكنه أكد …") begins another statement.
  const isNewStatement = (k: number): boolean => {
    const x = tokens[k]!;
    if (isVerb(r.participles, x)) return true;
    const bare = withoutConjunction(x);
    if (bare !== null && r.verbs.has(bare) && !r.verbs.has(x.folded)) return true;
    // "… إلا أنه أضاف أن …", "… لكنه أكد …", "… كما أعلن …"
    return /^(?:و|ف)?(?:لكن|لكنه|لكنها|أنه|أنها|انه|انها|كما)$/.test(x.folded) && k + 1 < tokens.length && isVerb(r.verbs, tokens[k + 1]!);
  };
  const newStatementAt = (offset: number): boolean => {
    const k = tokenAtOffset(offset);
    return k >= 0 && tokens[k]!.start === offset && isNewStatement(k);
  };
  /** Where the clause that ends at token i begins: after a break, a comma, a colon, a parenthesis, a dash. */
  const clauseStart = (i: number): number => {
    let c = i;
    while (c > 0 && !tokens[c]!.breakBefore && !tokens[c]!.commaBefore && !/[):؛«»“”"\-–—]/.test(text.slice(tokens[c - 1]!.end, tokens[c]!.start))) c--;
    return c;
  };
  /** A preposition that opens where or when something was said ("في", "خلال"), not the object of a verb ("عن", "على", "من"). */
  const isPhrase = (x: Token): boolean => has(r.prepositions, x) && !r.objectPrepositions.has(x.folded) && x.folded !== "من";
  /** Whether "إن/أن", a colon or a quotation mark comes in tokens [from, until) before the sentence ends. */
  const saidLater = (from: number, until: number): boolean => {
    for (let k = from; k < Math.min(tokens.length, until); k++) {
      if (k > from && tokens[k]!.breakBefore) return false;
      if (complementizerAt(k) > 0 || (k > from && markIn(text, tokens[k - 1]!.end, tokens[k]!.start) >= 0)) return true;
    }
    return false;
  };
  // "وزير الخارجية الأميركي، جون كيري، …", "رئيس الوزراء التركي المكلف، أحمد داود أوغلو، …": the name
  // set off by commas after the speaker's title (and a word or two that go on with it) is the speaker too,
  // not the start of what was said. Where that name ends, else `to`.
  const appositionEnd = (to: number, id: string): number => {
    for (let k = to; k < Math.min(tokens.length, to + 3); k++) {
      const x = tokens[k]!;
      if (x.breakBefore) break;
      if (x.commaBefore) {
        const m = startsAt.get(k);
        return m && m.id === id ? m.to : to;
      }
      if (!/^(?:ال|لل)/.test(x.folded)) break;
    }
    return to;
  };
  // What was said, also by someone outside the registry: its words are nobody else's ("قال فورد إن نظام
  // بشار الأسد يعتبر جثة": يعتبر is not Assad speaking).
  const consume = (pieces: string[], from: number) => {
    const lastPiece = pieces.length ? pieces[pieces.length - 1]! : "";
    if (lastPiece) saidUntil = Math.max(saidUntil, text.indexOf(lastPiece, from) + lastPiece.length);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "هاموند: التحالف سيهزم داعش" — a name and a colon opening a sentence.
    const lead = t.breakBefore ? startsAt.get(i) : undefined;
    if (lead) {
      const tail = text.slice(tokens[lead.to - 1]!.end, tokens[Math.min(lead.to + 3, tokens.length - 1)]!.start);
      const colon = tail.search(/[:：]/);
      if (colon >= 0 && !/[\n.!?؟،,]/.test(tail.slice(0, colon))) {
        const at = tokens[lead.to - 1]!.end + colon + 1;
        const said = contentAt(text, at, splitAt, newStatementAt);
        add(lead.id, said);
        consume(said, at);
        continue;
      }
    }
    const verb = isVerb(r.verbs, t);
    const participle = !verb && isVerb(r.participles, t);
    if (!verb && !participle) continue;
    if (t.start < saidUntil) continue; // a verb inside what someone else said
    const takesObject = isVerb(r.objectVerbs, t);
    // Where the words between the verb and what was said end: a break, a quotation mark, "إن/أن".
    let windowEnd = i + 1;
    while (windowEnd < Math.min(tokens.length, i + WINDOW) && !tokens[windowEnd]!.breakBefore && complementizerAt(windowEnd) < 0 &&
      markIn(text, tokens[windowEnd - 1]!.end, tokens[windowEnd]!.start) < 0) windowEnd++;

    let speaker: string | null | undefined; // undefined: not named; null: someone not in the registry
    let content = -1;
    // The subject before the verb ("أما معصوم فدعا …", "هولاند يؤكد …", "يوري أوشاكوف أحد مستشاري الرئيس
    // بوتين قال: …"): the head of the clause, the first name at its start. Other words there are a subject
    // outside the registry. A verb with و ("…«ظاهرة أوباما» ودعت …") starts a clause of its own.
    // ("كما سبق و أعلن": a و written apart is a و too.)
    const withWaw = (!r.verbs.has(t.folded) && t.folded.startsWith("و")) || (i > 0 && tokens[i - 1]!.folded === "و");
    if (!participle && !withWaw) {
      let k = clauseStart(i);
      while (k < i && r.beforeSubject.has(tokens[k]!.folded)) k++;
      const first = k;
      while (k < i && !startsAt.has(k) && isTitleWord(tokens[k]!)) k++;
      const head = startsAt.get(k);
      const byTitle = first < i && !head ? titleAt(tokens, first, titles) : null;
      if (first < i) {
        if (head && head.to <= i && (head.person || head.to === i)) speaker = head.id;
        else if (byTitle && byTitle.to === i) speaker = byTitle.id; // "ولكن الرئيس الأمريكي قال: …"
        else if (!has(r.prepositions, tokens[first]!) && !has(r.fillers, tokens[first]!) && !isVerb(r.verbs, tokens[first]!)) speaker = null;
      }
    }
    let inPhrase = false; // inside "في مؤتمر صحفي …": no speaker there
    let compAt = -1; // where "إن/أن" opens what was said
    let after = i + 1; // first token after the verb and the speaker
    let marksFrom = 0; // past a quoted name skipped below: its closing " is no opening mark
    let nameQuoteEnd = 0; // past the closing mark of a speaker's name written in quotation marks
    for (let j = i + 1; j < Math.min(tokens.length, i + WINDOW); j++) {
      // ", قائلا: …", ", مضيفا أن …": the words after the comma are another statement.
      if (j > i + 1 && tokens[j]!.commaBefore && isNewStatement(j)) break;
      const at = markIn(text, Math.max(tokens[j - 1]!.end, marksFrom), tokens[j]!.start);
      if (at >= 0) {
        const q = text[at] === ":" || text[at] === "：" || text[at] === "–" || text[at] === "—" ? null : quotedAt(text, at);
        // A name in quotation marks ("وحذر "أوباما" من أن …") is the speaker, not what was said.
        const quotedName = q ? startsAt.get(j) : undefined;
        if (q && quotedName && speaker === undefined && tokens[quotedName.to - 1]!.end >= q.end - 1 && q.end <= (tokens[quotedName.to]?.start ?? Infinity)) {
          speaker = quotedName.id;
          after = quotedName.to;
          marksFrom = q.end + 1;
          nameQuoteEnd = q.end + 1;
          j = quotedName.to - 1;
          continue;
        }
        // A short quoted name before "إن" ("لصحيفة "الشرق الأوسط" إن") is not what was said.
        if (q && q.text.split(/\s+/).length <= 3 && (j + 3 >= tokens.length || q.end < tokens[j + 3]!.start)) {
          const after = tokens.findIndex((x) => x.start > q.end);
          // Only ever skip forward: a closing mark at a paragraph's end must not send j back.
          // ... or before another quotation ("وصرح فابيوس لإذاعة "فرانس انتر" "سأكون هناك"").
          // ... or inside the narration, when the sentence goes on to what was said ("وقال كيري بعد حوار «صريح»
          // مع نظيره، إن «…»": the writer's word, not Kerry's).
          const runsOn = !/^[\s"»”)]*(?:[.!?؟…\n،,]|$)/.test(text.slice(q.end + 1));
          if (after > j && (complementizerAt(after) > 0 || markIn(text, q.end + 1, tokens[after]!.start) >= 0 || (runsOn && saidLater(after, i + WINDOW)))) {
            j = after - 1;
            marksFrom = q.end + 1;
            continue;
          }
        }
        content = at;
        break;
      }
      if (tokens[j]!.breakBefore) break;
      const comp = complementizerAt(j);
      if (comp > 0) {
        content = tokens[comp - 1]!.end;
        compAt = j;
        break;
      }
      // A participle goes on with the subject of its sentence: what follows it is never its speaker.
      if (speaker !== undefined || participle || inPhrase) continue;
      if (has(r.prepositions, tokens[j]!)) {
        inPhrase = true;
        after = j + 1;
        continue;
      }
      const m = startsAt.get(j);
      if (m) {
        speaker = m.id;
        after = m.to;
        j = m.to - 1;
        continue;
      }
      if (has(r.fillers, tokens[j]!) || /^ل/.test(tokens[j]!.folded)) {
        after = j + 1;
        continue;
      }
      if (has(r.heads, tokens[j]!)) {
        // A title without ال right before a name is "the X of" that person ("نائب خادم الحرمين الشريفين",
        // "سفير خادم الحرمين الشريفين", "مستشار أوباما"): the speaker is someone outside the registry.
        const owner = startsAt.get(j + 1);
        if (owner && !/^(?:ال|وال|فال)/.test(tokens[j]!.folded) && !tokens[j + 1]!.commaBefore) {
          speaker = null;
          continue;
        }
        // A title: the name follows within a few words, or the title alone points at one actor.
        // The first person named in the next ten words (within the window), else the first actor.
        // The title and the name end at a word a title never runs across ("طالب رئيس مجلس النواب العراقي
        // سليم الجبوري أمس … العبادي": the speaker is al-Jabouri, not the man he spoke to); an organisation
        // inside the title ("نائب الممثل الخاص للأمين العام للأمم المتحدة") is not the speaker.
        let named: Mention | undefined;
        for (let k = 1; k <= 10 && j + k < windowEnd; k++) {
          const y = tokens[j + k]!;
          if (y.commaBefore || r.stops.has(y.folded) || has(r.fillers, y) || has(r.prepositions, y)) break;
          const x = startsAt.get(j + k);
          // "المتحدث باسم المكتب الإعلامي للعبادي": a name with ل is the title's, not the speaker.
          // "المتحدث باسم العبادي": the name after باسم is whom the speaker speaks for.
          if (!x?.person || x.prefixed || x.to > windowEnd || tokens[x.from - 1]!.folded === "باسم") continue;
          // "نائب المستشارة الألمانية أنجيلا ميركل": the words between are the name's own title, so the
          // speaker is the deputy of that person.
          let between = "";
          for (let b = j + 1; b < x.from; b++) between += (b > j + 1 ? " " : "") + tokens[b]!.folded;
          if (between && !/^ال/.test(tokens[j]!.folded) && titles.get(between)?.has(x.id)) break;
          // "المتحدث باسم المكتب الإعلامي لرئيس الوزراء حيدر العبادي سعد الحديثي": a name right after it is
          // the speaker's; the registry name was part of the title.
          const y2 = x.to < windowEnd ? tokens[x.to]! : undefined;
          if (y2 && !y2.commaBefore && !startsAt.has(x.to) && r.givenNames.has(y2.folded)) break;
          named = x;
          break;
        }
        const byTitle = titleAt(tokens, j, titles);
        if (named && (!byTitle || named.from <= byTitle.to)) {
          speaker = named.id;
          after = named.to;
          j = named.to - 1;
        } else if (byTitle) {
          speaker = byTitle.id;
          after = appositionEnd(byTitle.to, byTitle.id);
          j = after - 1;
        } else speaker = null;
        continue;
      }
      speaker = null; // "قال مسؤول …", "قال مصدر …": someone the registry does not know
    }
    // Nobody named, and only where or when after the verb ("كما أعلن خلال زيارته السابقة."): nothing said.
    if (speaker === undefined && inPhrase && content < 0 && !(takesObject && i + 1 < tokens.length && r.objectPrepositions.has(tokens[i + 1]!.folded))) continue;
    if (speaker === undefined) {
      // Not named after the verb: the subject of the sentence, named before it ("ألقى الملك سلمان كلمة
      // أكد فيها أن …"), or the last speaker ("وأضاف أن …").
      const s = sentenceOf(i);
      // A participle opening a sentence ("… «…». مؤكدا أن …") goes on with the last speaker.
      speaker = participle && spokeAt.has(s) ? spokeAt.get(s)! : sentenceSubject(i) ?? (participle && !t.breakBefore ? null : last);
      // "وأضافت" never goes on with a man, "وأضاف" never with a woman.
      if (speaker && !agrees(speaker, t)) speaker = null;
    }
    if (!speaker && speaker !== null) continue;
    // Verbs whose object is part of what was said ("دعا سلمان إلى …", "وصف هولاند الاعتداءات بأنها …"),
    // and any verb with neither "إن/أن", colon nor quotation: what follows the speaker is what was said.
    // (These reads of tokens stay within bounds: a read past the end costs a deoptimisation.)
    const speakerEnd = after;
    while (after < tokens.length && !tokens[after]!.breakBefore && has(r.fillers, tokens[after]!)) after++;
    // "وصف ديفيد كاميرون رئيس الوزراء البريطاني ذلك بأنه …": the speaker's title after the name is not said.
    if (after < tokens.length && !tokens[after]!.breakBefore && has(r.heads, tokens[after]!) && after > i + 1) {
      after++;
      while (after < tokens.length && !tokens[after]!.breakBefore && /^(?:ال|لل)/.test(tokens[after]!.folded)) after++;
    }
    // "دعا لافروف خلال المفاوضات إلى رفع …", "وأعرب في بيان عن قلقه …": a phrase of where or when before the
    // object of the verb; the object starts at its preposition.
    if (takesObject && content < 0) {
      let k = speakerEnd < tokens.length && !tokens[speakerEnd]!.breakBefore && isPhrase(tokens[speakerEnd]!) ? speakerEnd : inPhrase && isPhrase(tokens[speakerEnd - 1]!) ? speakerEnd - 1 : -1;
      for (const end = Math.min(tokens.length, k + 8); k >= 0 && ++k < end;) {
        if (tokens[k]!.breakBefore || tokens[k]!.commaBefore) break;
        if (r.objectPrepositions.has(tokens[k]!.folded)) {
          after = k;
          break;
        }
      }
    }
    const next = after < tokens.length ? tokens[after]! : undefined;
    const objectStart = next && !next.breakBefore ? Math.max(tokens[after - 1]!.end, nameQuoteEnd) : -1;
    // A prepositional phrase first ("أعلن لافروف لوكالة إيتار تاس …: «…»") says where, not what.
    const isWhere = (x: Token) => !r.objectPrepositions.has(x.folded) && (has(r.prepositions, x) || /^ل/.test(x.folded));
    const where = speakerEnd < tokens.length && !tokens[speakerEnd]!.breakBefore && isWhere(tokens[speakerEnd]!) || (next !== undefined && isWhere(next));
    // "جدد التأكيد على أن …", "أعرب عن أمله في أن …": a noun of saying before "أن" is not what was said
    // ("وصف الاعتداءات بأنها …", "اتهمه بأنه …": with بأن the object is).
    let saying = compAt >= after && compAt - after <= 3 && !/^و?ب/.test(tokens[compAt]!.folded);
    for (let k = after; saying && k < compAt; k++) if ((k > after && tokens[k]!.commaBefore) || isVerb(r.verbs, tokens[k]!) || isNewStatement(k)) saying = false;
    if (saying && tokens[compAt]!.commaBefore) saying = false;
    const useObject = (takesObject && !((where || inPhrase || saying) && content >= 0)) || (content < 0 && after > i + 1);
    if (objectStart >= 0 && useObject) content = Math.min(content < 0 ? Infinity : content, objectStart);
    if (content < 0) {
      if (speaker === null) {
        last = null;
        spokeAt.set(sentenceOf(i), null);
      }
      continue;
    }
    const said = contentAt(text, content, splitAt, newStatementAt);
    consume(said, content);
    spokeAt.set(sentenceOf(i), speaker);
    if (speaker === null) last = null;
    else add(speaker, said);
  }
  return quotes;
}

/** Titles seen next to names in this article, and the registry titles of the actors it names. */
const titleKeys = new Map<string, string>();
function titleKey(title: string): string {
  let key = titleKeys.get(title);
  if (key === undefined) {
    key = tokenize(title).map((t) => t.folded).join(" ");
    if (titleKeys.size < 100_000) titleKeys.set(title, key);
  }
  return key;
}

export function titleIndex(entries: { id: string; titles: string[] }[]): TitleIndex {
  const index: TitleIndex = new Map();
  for (const { id, titles } of entries) {
    for (const title of titles) {
      const key = titleKey(title);
      if (!key.includes(" ")) continue;
      const set = index.get(key) ?? new Set<string>();
      set.add(id);
      index.set(key, set);
    }
  }
  return index;
}

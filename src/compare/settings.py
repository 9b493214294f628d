"""Named thresholds and limits, each with how it was chosen.

One obvious place for every number the pipeline depends on. A value that was
calibrated says on what data and by which script, so anyone can re-measure it.
"""

from __future__ import annotations

# --- ingest -------------------------------------------------------------------

#: Files larger than this are refused with a clear error rather than read into
#: memory; the longest article in the FNC-1 bodies is ~30 KB, so 20 MB is far
#: above any real article and far below what would hurt a 2-core laptop.
MAX_FILE_BYTES = 20 * 1024 * 1024

#: Bytes sniffed to tell text from binary and to spot BOM-less UTF-16. 8 KB is
#: several paragraphs of any article, cheap to scan.
DECODE_SNIFF_BYTES = 8192

#: A file whose sniffed bytes are more than this share control characters (other
#: than tab/newline/form feed) is binary. Real articles in the seeds and the
#: FNC-1 bodies have none; executables, images and archives have 5-30 %.
BINARY_CONTROL_SHARE = 0.02

#: A line up to this long is tested whole against the page-furniture patterns
#: (comment widgets, datelines, bylines, "Read also: ..." lists). Such lines
#: are short (the longest in the seeds' furniture is ~180 characters); longer
#: lines are prose and are only tested sentence by sentence.
BOILERPLATE_SHORT_LINE_CHARS = 240

#: A sentence-like piece of a long line longer than this is never a pitch:
#: the longest pitch sentence seen on news sites is ~200 characters.
BOILERPLATE_MAX_PIECE_CHARS = 300

#: The Hill's inline link card (a full name, a few headlines, "MORE") is at
#: most this long: the longest of the 18 in news_claims and AllSides dev is
#: 370 characters.
BOILERPLATE_CARD_MAX_CHARS = 500

#: A dateline ("WASHINGTON (AP) — ") is looked for at the start of this many
#: first non-empty lines of an article (its title and a byline may come
#: first); further down, "NATO — the alliance ..." is a sentence.
BOILERPLATE_DATELINE_LINES = 3

#: Process pools (ingest, segment, embedding) use one worker per usable core,
#: at most this many: an embedding worker holds its own copy of the model
#: (~200 MB resident each, measured on the FNC-1 run of bench_scale.py), and
#: the peak-memory target is 1.5 GB.
PARALLEL_MAX_WORKERS = 4

#: Ingest switches from one process to a process pool above this many
#: articles: below it, starting workers costs more than it saves (measured
#: with bench/bench_scale.py: ~0.3 s per pool start on 2 cores, ~1 ms per txt).
INGEST_PARALLEL_MIN_DOCUMENTS = 400

#: An inferred title is the first content line if it is at most this long;
#: headlines run 40-120 characters, a longer first line is the lead paragraph.
TITLE_MAX_CHARS = 200

#: Only lines this short near the top are searched for a publication date
#: ("08 January 2025, 23:41 | Policy"); a longer line is prose, whose dates
#: are events ("advanced ... on August 6, 2024"), not publication.
DATELINE_MAX_CHARS = 60

#: Language is identified by py3langid from the first this many characters:
#: a headline and a lead paragraph or two, enough for its character n-grams
#: (whole sentences score above 0.9), while a long article costs no more.
LANGUAGE_SAMPLE_CHARS = 3000

#: py3langid's normalised probability for its best language must be at least
#: this, i.e. that language is more likely than all the others together; below
#: it the text gets no guess rather than a wrong one. Chosen by that
#: definition, not tuned: lists of names ("Kyiv. Kursk.": 0.05) and headings
#: ("Bridge. Council. Mayor. Repair.": 0.09) fall far below it, and the whole
#: sentences in tests/test_ingest.py (en, ru, uk, de, pt, pl, nl) score above 0.9.
LANGUAGE_MIN_PROBABILITY = 0.5

#: An HTML page or PDF yielding fewer words than this has no article in it
#: (an error page, a cookie wall, a scan with a stray OCR line): the shortest
#: FNC-1 body has ~40 words, the shortest seed paragraph ~20.
MIN_EXTRACTED_WORDS = 20

#: Downloads by `compare add URL`: give up after this many seconds for the
#: whole download (connecting, headers and body together, so a server that
#: trickles bytes cannot hold the tool), and refuse bodies above
#: MAX_FILE_BYTES (the same limit as files on disk). 20 s fetches a 20 MB body
#: at 8 Mbit/s; an article page is a few hundred KB.
FETCH_TIMEOUT_SECONDS = 20

#: Topic ids become report file names (reports/<id>.pdf), so they are bounded:
#: most file systems cap a name at 255 bytes, and a report adds its extension
#: and the atomic write a 14-character temporary affix. 80 keeps every name
#: far below the cap and still readable (the seeds' longest id has 16); a
#: longer ad-hoc topic's slug is cut at a hyphen, a longer codebook id refused.
TOPIC_ID_MAX_CHARS = 80

#: `compare topic typo` suggests codebook ids at least this similar (rapidfuzz
#: WRatio, 0-100). 60 keeps "kursk-leverag" -> kursk-leverage and "landswap"
#: -> land-swap while not suggesting unrelated ids for unrelated words.
TOPIC_SUGGESTION_MIN_SCORE = 60

# --- segment ------------------------------------------------------------------

#: Fragments shorter than this ("-", "Source", a lone emoji) are not sentences.
MIN_SENTENCE_CHARS = 12

#: A block whose lines are all between these lengths (and do not all end a
#: sentence) is taken as hard-wrapped prose: one paragraph, not one per line.
#: 40-80 covers the classic 72-78 column wrapping of e-mail and plain-text
#: exports while leaving short header lines ("Text Size:") as their own blocks.
WRAPPED_LINE_MIN = 40
WRAPPED_LINE_MAX = 80

#: Segment uncached documents in a process pool from this many on. syntok takes
#: ~3 ms per document of the FNC-1 bodies, and starting a pool ~0.3 s, so
#: below a few hundred documents one process is as fast.
SEGMENT_PARALLEL_MIN_DOCUMENTS = 400

#: Titles written before a name; syntok ends a sentence after them ("Gov.",
#: "Lt."), segment joins it to the next again. The US military and civil
#: titles of AP style plus the usual honorifics; none of them ends a sentence
#: in news text (a sentence would end in the name, not the title). Checked on
#: the abbreviation cases of bench/eval_segment.py.
SENTENCE_TITLES = (
    r"Gov|Govs|Rep|Reps|Sen|Sens|Gen|Lt|Col|Maj|Capt|Cpl|Sgt|Pvt|Adm|Cmdr|Brig|Pres|Supt|"
    r"Atty|Amb|Insp|Det|Mr|Mrs|Ms|Dr|Prof|Rev|Msgr|Hon"
)

#: US state abbreviations in AP style: they may end a sentence ("in Ala."),
#: so segment only joins across one when a title follows ("Mass. Gov. Deval
#: Patrick").
SENTENCE_STATES = (
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    r"Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Va|"
    r"Vt|Wash|W\.Va|Wis|Wyo"
)

# --- align --------------------------------------------------------------------

# Measured by bench/eval_align.py. rapidfuzz token_set_ratio is a weak judge of
# "same claim": beside the cosine it only lowers STS-B dev Spearman (cosine
# alone 82.9, 0.9/0.1: 82.8, 0.5/0.5: 79.6) and FNC-1 fit-part headline
# same-story AUC (0.983 -> 0.979 at 0.5/0.5). Words weighted by rarity in the
# corpus at hand (align._rare_word_overlap) add what the cosine misses
# (--section mix). FNC-1 headlines are cut into parts by story (146 fit
# stories, 45 held out), so no held-out headline is fitted on.

#: Weight of the cosine in the claim-to-claim similarity (rest: rare-word
#: overlap). FNC-1 fit-part headline AUC for "same story" peaks at 0.4 (0.9866;
#: 0.5: 0.9864, 0.9: 0.9837, cosine alone 0.9827); 0.5 is within 0.0002 of that
#: and keeps STS-B dev Spearman at 82.7 (0.4: 82.1). Held out: FNC-1 AUC 0.9845
#: (cosine alone 0.9749), AllSides same-story sentence pairs matched at a 0.08 %
#: false rate 3.82 % (cosine alone 2.92 %).
GROUP_SEMANTIC_WEIGHT = 0.5

#: Two clusters of claims merge when their mean similarity reaches this.
#: Chosen on FNC-1 headlines of the fit stories (bench/eval_align.py, groups):
#: headlines related to a common body are one story told by several outlets,
#: i.e. one claim group; average-linkage pairwise F1 peaks at 0.33 (0.856;
#: 0.31: 0.846, 0.35: 0.833). Held-out stories: 0.816 (P 0.930, R 0.727); the
#: earlier 0.9 cosine + 0.1 token_set_ratio at its best fit threshold (0.52)
#: gets 0.787 there.
GROUP_MIN_SIMILARITY = 0.33

#: Embed uncached sentences in a process pool (one single-threaded model per
#: core) from this many on. One process encodes ~550 FNC-1 sentences/s and a
#: worker needs ~1.5 s to load the model, so a pool pays off from ~2,000.
EMBED_PARALLEL_MIN_SENTENCES = 2000

#: Claims are assessed in a process pool from this many on (the 1,683-article
#: benchmark's 6,203 claims: ~3 s in one process on 2 cores); a second run of
#: the same topic reads them from the cache instead.
ASSESS_PARALLEL_MIN_CLAIMS = 2000

#: New matcher pairs, or new sentences for the learned flagger, are scored in
#: a process pool (one single-threaded model per core) from this many on. One
#: process scores about 226 news pairs/s on 2 cores with both threads and 199
#: with one, and a worker loads in about 0.5 s, so a pool of two pays off from
#: a few hundred (bench/eval_matcher.py --section speed: 307 pairs/s; the
#: flagger 716 sentences/s against 419 on 1,200 weasel sentences).
MODEL_PARALLEL_MIN_ITEMS = 400

#: Topic relevance = weight * semantic + (1 - weight) * lexical term hits.
RELEVANCE_SEMANTIC_WEIGHT = 0.6

#: Cosine (sentence vs the topic's title + question) mapped linearly to [0, 1]
#: from FLOOR to FLOOR + SPAN. USE cosines of unrelated sentence pairs on
#: STS-B dev (gold < 1) have median ~0.15; of related ones (gold >= 3) ~0.65.
RELEVANCE_COSINE_FLOOR = 0.15
RELEVANCE_COSINE_SPAN = 0.45

#: Short queries: the best cosine of a body with a query of n words, as
#: a + b ln(n), fitted by least squares on FNC-1 fit-part headlines cut to
#: their first 1, 2, 3, 4 and 6 content words and whole (11.5 words on
#: average), 150 headlines each (bench/eval_align.py --section short):
#: the 90th percentile over unrelated bodies and the median over related ones.
#: Queries shorter than the reference length are mapped onto its scale.
RELEVANCE_UNRELATED_ANCHOR = (0.212, 0.0384)
RELEVANCE_RELATED_ANCHOR = (0.2632, 0.1167)
RELEVANCE_REFERENCE_QUERY_WORDS = 11.5

#: A sentence is a claim on the topic from this relevance on. Checked with
#: FNC-1 headlines as ad-hoc topics (bench/eval_align.py, coverage): "a body
#: covers the topic" at 0.5 has P 0.880 R 0.961 F1 0.919 on the fit part (the
#: F1 peak, 0.930, is at 0.55); 0.5 is kept because it favours recall (a
#: briefing should not drop a source) at ~1 F1 point. Held out: F1 0.924.
#: With short queries mapped onto the headline scale (above): fit 0.917,
#: held out 0.924; two-word queries held out 0.747 (was 0.657). With function
#: words no longer ad-hoc terms: fit 0.925 (the peak, 0.935, is at 0.6), held
#: out 0.931, held-out stories 0.885.
CLAIM_MIN_RELEVANCE = 0.5

#: Topic terms found in a sentence for full lexical relevance (one term gives
#: half): one shared word can be a coincidence ("in exchange"), two rarely are.
#: Set by that reading; the coverage figures of CLAIM_MIN_RELEVANCE used it.
TERM_HITS_FOR_FULL_MATCH = 2

#: An ad-hoc topic's words become terms from this length on (longer function
#: words such as "with" or "says" are dropped by _lexicon.FUNCTION_WORDS); a
#: short word such as "war" still counts as part of the whole query, which is a
#: term too. Set by reading, not tuned. Dropping the function words raised
#: whole-headline coverage F1 on FNC-1 from 0.917 to 0.925 (fit) and from
#: 0.879 to 0.885 (held-out stories); two-word queries are unchanged.
ADHOC_TERM_MIN_CHARS = 4

#: rapidfuzz partial_ratio (0-100) for a topic term to count as present:
#: 90 lets inflections and one-letter spelling variants through.
TERM_MATCH_MIN = 90

# --- align: recall first, then the matcher -----------------------------------
# Passages were set on the news_claims fit stories (0-31; bench/eval_news.py
# and bench/matcher_data.py), never on the 8 held-out ones: in a one-story
# corpus the labelled claims are spread over whole articles and their own
# topic relevance does not tell them apart from the rest (median 0.36 against
# 0.52 for unlabelled sentences), so a sentence is judged by its passage and
# its document.

#: A sentence's passage relevance is the best relevance within this many
#: sentences either side, discounted by PASSAGE_DECAY per sentence of distance.
#: Fit stories, labelled sentences selected / all sentences selected at 0.4:
#: window 0: 0.48 / 0.38, 1: 0.73 / 0.67, 3: 0.86 / 0.82, 5: 0.88 / 0.86.
PASSAGE_WINDOW = 5
PASSAGE_DECAY = 0.9

#: A sentence belongs to a passage on the topic from this passage relevance
#: on (0.3: 0.93 / 0.91 of sentences, 0.5: 0.81 / 0.78 at window 5).
PASSAGE_MIN_RELEVANCE = 0.4

#: When passages on the topic make up this share of a document's sentences,
#: the whole document addresses the topic and every content sentence is a
#: claim. Fit stories: labelled claims selected 0.93 at 0.4 (0.3: 0.96,
#: 0.5: 0.91, 0.7: 0.90, passages alone 0.88). On the seeds' codebook topics the
#: share is 0.0-0.5 except where an article is about that topic throughout.
#: 0.35 since the report's own credits ("... also contributed to this story")
#: became furniture (2026-12-02): at 0.4 one fit article that a credit line
#: naming the fire's town had kept at 0.46 fell below (fit selected 1,410 ->
#: 1,385 of 1,503); at 0.35 fit selects 1,427 (0.3: 1,431), agreements 235 of
#: 570 (0.4: 228), hard negatives apart 97 % at each; dev stories the same at
#: 0.3-0.4. On the seeds 0.35 makes two more article-topic pairs whole
#: (china-role 0.38, regime-stability 0.39); 0.3 would make four more.
DOCUMENT_FOCUS_SHARE = 0.35

#: A claim has at least this many words: shorter pieces are datelines,
#: captions or fragments that lean on their paragraph ("But it didn't.",
#: "Read more."). Labelled news_claims sentences of the fit stories have 11
#: words or more in 95 % of cases; set by reading the seed briefings.
MIN_CLAIM_WORDS = 6

#: Retrieval for the matcher: each claim's nearest claims by the hybrid
#: similarity, this many in each other source and in its own source.
#: Measured 2026-12-02 (bench/eval_news.py, agreements grouped / hard
#: negatives apart): 3 / 5 / 8 per source, dev 28/98, 30/98, 30/96 %; train
#: 45/97, 46/97 % (3 / 5); AllSides single-story share 69.2 / 68.4 %. Within
#: noise at more matcher pairs, so 3 stays.
RETRIEVE_PER_SOURCE = 3
RETRIEVE_SAME_SOURCE = 1

#: ... and at most this many per claim in all (the best of those): a
#: three-outlet story keeps every candidate (2 x 3 + 1), a corpus of many
#: sources pays near-linear cost in its claims.
RETRIEVE_MAX_PER_CLAIM = 12

#: Above this many claims retrieval uses the cosine alone (the rare-word
#: matrix grows with claims x vocabulary).
RETRIEVE_HYBRID_MAX = 3000

#: At most this many retrieved pairs go to the matcher per topic (best first),
#: and at most MATCH_TOPIC_MAX_PAIRS in all (retrieved, then the pairs inside
#: linked sets, smallest sets first). The matcher scores ~180 pairs/s on 2
#: cores, so 3,500 pairs cost ~20 s cold: the 1,683-article benchmark scored
#: 10,950 before this total (125 s cold). No news_claims dev story or seed
#: topic reaches it (at most 1,396 retrieved and 3,282 in all); a warm run
#: reads the scores from the cache.
MATCH_MAX_PAIRS = 2500
MATCH_TOPIC_MAX_PAIRS = 3500

#: A linked set of claims is scored in full, up to this many pairs, before it
#: is split by average linkage (pairs beyond it count as not matched). Linked
#: sets are large on news (one held 213 of a story's 247 claims), yet scoring
#: every pair of them (60,000) moved news dev only from 28/98 % to 30/96 %
#: (agreements grouped / hard negatives apart) at 40x the time: the matcher's
#: scores, not the unscored pairs, decide.
MATCH_COMPONENT_MAX_PAIRS = 2000

#: Two claims make the same point (a link) from this matcher probability on.
#: Calibrated with MATCH_MERGE_MIN_MEAN on dev data:
#: news_claims stories 24-31 (bench/eval_news.py --part dev: labelled
#: agreements grouped / hard negatives kept apart) and AllSides dev
#: (bench/eval_grouping.py: share of multi-source groups that hold one
#: story's outlets), link 0.5:
#:   all links,   merge 0.2 / 0.3 / 0.4 / 0.5: news 42/78, 34/86, 31/88, 28/98 %;
#:                AllSides at 0.4 / 0.5: 57.1, 62.0 %
#:   mutual best (links across sources only where each claim is the other's
#:   best match in its source; measured, then removed from the code):
#:                merge 0.2 / 0.3 / 0.4 / 0.5: news 39/88, 34/92, 29/98, 27/100 %;
#:                AllSides at 0.4 / 0.5: 56.7, 61.2 %
#: A lower merge threshold buys news agreements with groups that mix stories,
#: and mutual best links change neither measure beyond a story or two; kept:
#: all links, merge 0.5 (held-out figures in the README). The AllSides
#: figures were measured before MATCH_TOPIC_MAX_PAIRS; with it, 69.2 %.
MATCH_MIN_PROBABILITY = 0.5

#: Linked claims are split into groups by average linkage at this mean
#: probability (each merge joins two clusters whose pairs average at least
#: this). Calibrated with MATCH_MIN_PROBABILITY (above).
MATCH_MERGE_MIN_MEAN = 0.5

#: Two groups are joined when claims of two sources in them score at least
#: this and differ on a checkable slot (align._join_differing); None: never.
#: Of the fit stories' (0-31) labelled divergences, 41 % ended in two groups:
#: the matcher scores claims lower when their figures differ. Swept on them
#: (bench/eval_news.py --part fit; divergences caught, numbers and dates,
#: divergence groups holding a labelled one): never 14/105, 5/24, 50 %;
#: 0.5: 21, 10, 51 %; 0.4: 23, 11, 51 %; 0.3: 23, 11, 49 %; 0.2: 23, 11,
#: 45 %; 0.05: 23, 11, 39 %. Agreements grouped (40 %) and hard negatives
#: apart (97 %) did not move at any of them.
MATCH_DIVERGENCE_LINK_MIN_PROBABILITY: float | None = 0.4

#: Whether align tells the matcher the topic. Chosen on the news_claims dev
#: stories (24-31), agreement pairs vs different_points, ROC AUC (whole
#: sentences, as align sees them): with the topic 0.789, without 0.815
#: (the shipped model; training.json). It was trained both ways.
MATCH_TOPIC_CONTEXT = False

#: Pairs where either text has fewer Latin letters than this share (Cyrillic,
#: Greek, ...) are judged by the multilingual sentence encoder instead: the
#: matcher's vocabulary is English.
MATCH_MIN_LATIN_SHARE = 0.5

#: "Each source's answer": this many of a source's most relevant claims.
ANSWERS_PER_SOURCE = 2

#: A read briefing (PDF, HTML, Markdown) shows every multi-source group and at
#: most this many single-source ones (answers, then unsupported claims, then
#: the most relevant; render.displayed); JSON keeps every group. Recall-first
#: alignment gives kursk-leverage ~100 single-source groups, 35 PDF pages;
#: set by reading, so that the groups stay a few pages.
DISPLAY_SINGLE_SOURCE_GROUPS = 12

#: Group titles: a member of at most this many characters, else a leading
#: clause of at least TITLE_MIN_WORDS words that fits; never a cut sentence.
GROUP_TITLE_MAX = 140
TITLE_MIN_WORDS = 8

#: compare.relate: the features look at the text's this many sentences closest
#: to the claim (FNC-1 bodies have ~18 sentences; the claim is usually
#: restated in 1-3 of them). Set by that reading, not tuned; the logistic
#: weights on these features are fitted by bench/train_relate.py.
RELATE_TOP_SENTENCES = 3

#: compare.relate returns this many of the closest sentences as evidence.
RELATE_EVIDENCE_SENTENCES = 2

#: A text is "unrelated" when the fitted model gives it at least this
#: probability: the plain Bayes decision of the logistic model fitted on the
#: FNC-1 training part (bench/train_relate.py); not tuned further.
RELATE_UNRELATED_MIN_PROBABILITY = 0.5

# --- assess -------------------------------------------------------------------

#: The original text read after a sentence for a tweet's credit line on the
#: same line ("— Name (@handle) date"): a tweet is at most 280 characters.
ASSESS_AFTER_CHARS = 300

#: A sentence whose previous paragraph ends by handing over to somebody's words
#: ("Obama said:", "From his ... speech at the White House:") is attributed to
#: them, the reason quoting at most this many characters of the lead-in.
ASSESS_LEAD_IN_CHARS = 90

#: A quoted span counts as a direct quote (not a scare-quoted term such as
#: "counter-terrorist") from this many words. Chosen by reading: scare quotes
#: around a name or label are one to three words.
ASSESS_MIN_QUOTE_WORDS = 4

#: Characters allowed in an apposition between a speaker and the reporting
#: verb ("Dmitry Polyansky, the first Deputy ... to the United Nations, has
#: stated"). Long enough for a title, short enough not to jump clauses.
ASSESS_SPEAKER_GAP_CHARS = 120

#: An approximator ("at least", "as many as", "up to") this many characters
#: before a figure makes the figure an estimate that needs a source.
ASSESS_APPROXIMATOR_WINDOW = 16

#: Two dates that cannot name the same day are a divergence only if the
#: content words within ASSESS_DATE_EVENT_WINDOW words of each (in its
#: clause) share at least this many: they date the same event. Set by reading
#: the hits of bench/eval_assess.py --divergence on FNC-1 story pairs (fit
#: part: 3 hits in 172k similar pairs, 2 true; held out: none in 45k).
ASSESS_DATE_MIN_SHARED_WORDS = 2
ASSESS_DATE_EVENT_WINDOW = 5

#: Who did what: the same verb with at least this many content words in
#: common among the first (or, passive, last) ASSESS_ACTION_TARGET_WORDS of
#: what it acts on, given to agents neither claim shares. Set the same way:
#: 5 hits (fit) and 2 (held out) in the pairs above, none of them true (one
#: agent under two names, e.g. a given name and a surname), none in any seed
#: or AllSides briefing: rare, and when it fires its reason must be checked.
ASSESS_ACTION_MIN_SHARED_WORDS = 2
ASSESS_ACTION_TARGET_WORDS = 6

#: Agents whose names are at least this similar (rapidfuzz ratio) are
#: spelling variants of one agent (Mashnuq / Machnouk).
ASSESS_AGENT_VARIANT_RATIO = 70

#: A negation ("not", "never", "failed to") governs this many content words
#: after it, within its clause and names left out; a divergence needs one of
#: them asserted by the other claim. On FNC-1 agree/disagree pairs (headline vs
#: the body's closest sentence, bench/eval_assess.py --negation) the old
#: any-negation rule fired on 21.3 % of agree and 35.9 % of disagree pairs (fit
#: part, hit precision 27.3 %); scopes of 1-4 words gave 25-30 %, best at 3-4,
#: and 3 fires less; leaving names out of the scope then lifted it to 30.3 %.
#: Held out: agree 6.4 % (was 23.6 %), disagree 9.9 % (was 31.9 %), precision
#: 27.9 % (was 25.3 %; base rate 20 %): a weak cue, now a rarer one.
ASSESS_NEGATION_SCOPE_WORDS = 3

#: Two claims from different sources with rapidfuzz ratio (0-100) at least this
#: are one text republished, so the sources are one voice. On STS-B dev only 11
#: of 1,500 pairs reach 90 (short sentences one word apart, 8 of them gold >= 4);
#: a republished news sentence, with only copy-edits, stays above it.
ASSESS_COPY_MIN_RATIO = 90

#: The learned part of "unsupported" (a MiniLM-L6 sentence classifier,
#: src/compare/data/flagger/, compare.matcher.unsupported) flags a sentence
#: that no rule sources, flags or excuses from this probability on. Chosen by
#: bench/train_flagger.py on news_claims stories 1-32 cross-validated by
#: story: the highest news recall at which at most 10 % of the claims of
#: labelled agreements (reported, shared facts) are flagged and weasel dev F1
#: stays >= 60. It equals the "threshold" of data/flagger/flagger.json (a test
#: checks). Cross-validated (rules OR model, with the rules of 2026-12-03):
#: at 0.7, news recall 65.6 %, precision against the labels 98.1 %, agreement
#: claims flagged 9.8 %, weasel dev F1 65.3; at 0.8: 58.8 %, 7.9 %, 63.4; at
#: 0.6: 67.5 %, 11.5 %, 63.5; at 0.4: 73.8 %, 14.6 %, 58.3; rules alone
#: 45.0 %, 5.0 %, 55.6. A lower threshold buys recall with flags on reported
#: facts. (0.8 was chosen before, with the rules before 2026-12-02, and
#: applied to a per-matrix int8 file whose scores sat 0.06 below the float
#: model's, so fewer flags than cross-validation measured; see the model card.)
ASSESS_MODEL_MIN_PROBABILITY = 0.7

# --- render -------------------------------------------------------------------

#: Key takeaways on the briefing's first page: the issue asks for 3-6 bullets
#: (ICD 203 style "bottom line up front"); 6 fills half an A4 page at 9.5 pt.
RENDER_MAX_TAKEAWAYS = 6

#: Claim text quoted in a takeaway or discussion question is cut at a word
#: boundary below this length: two lines of the A4 cover at 9.5 pt.
RENDER_TAKEAWAY_QUOTE_CHARS = 140

#: Discussion questions for the seminar: one hour allows about six.
RENDER_MAX_DISCUSSION_QUESTIONS = 6

# --- diverge (checkable slots of two claims on one point) ----------------------

#: A figure, time, date or actor that differs between two claims of one group
#: counts as a divergence only when the matcher gives the two claims this
#: probability of making the same point or more (None: any two claims of the
#: group from different voices). Chosen on the news_claims fit stories
#: (bench/eval_news.py --part fit --set DIVERGENCE_SAME_EVENT_MIN_MATCH=...):
#: at 0.7 their briefings hold 36 divergence groups instead of 42, the six
#: gone all figures of different things ("more than 1,300 delegates ... up for
#: grabs" / "the 3,979 pledged delegates", p = 0.12; "one official" / "about
#: two dozen senior officials"), at the cost of one labelled divergence of 26
#: ("nearly 300" / "more than 300 opinions"); at 0.9, 27 groups but three
#: labelled ones lost. Every labelled figure, time and title divergence of the
#: unit tests scores 0.8 or more. Quotes and titles are not gated: the speaker's
#: or the person's name ties the two claims. The same gate decides which slots
#: may join two groups in align (`diverge.same_event`), and assess reads the
#: score align gave the pair (with the topic) instead of asking again; swept
#: once more that way (caught of 105, numbers and dates of 24, divergence
#: groups holding a labelled one): 0.3: 26, 13, 22/42; 0.5: 25, 12, 21/39;
#: 0.7: 25, 12, 21/36; 0.8: 24, 11, 20/32 (loses "$3.2 billion" / "more than
#: $4 billion"); 0.9: 23, 10, 20/28.
DIVERGENCE_SAME_EVENT_MIN_MATCH: float | None = 0.7

#: How far a figure may be from another and still be the same value: an
#: exact-looking round figure ("4,500", "1,300") stands for anything within
#: half its last place, capped at this share of it, and "about", "nearly",
#: "more than" stretch a figure this far on their side. 5 % is what rounding
#: to two significant digits costs at most for figures from 10 to 99 (x 10^n)
#: and so the precision news figures are written to; fit stories (0-31) of
#: bench/eval_divergence.py: at 10 % "about 700" / "about 600" residents and
#: "more than 1,000" / "more than 1,100" laws would fit each other.
DIVERGE_FIGURE_TOLERANCE = 0.05

#: Words after a number read as what it counts ("19 Granite Mountain Hot Shot
#: Crew members"): its noun is the last of at most this many capitalised or
#: lower-case words before a function word or punctuation.
DIVERGE_NOUN_WORDS = 6

#: Content words either side of a figure (in its clause) that say what money
#: or a share is of ("$3.2 billion in technology upgrades"); two such figures
#: count one thing when these share a word. Three: a noun phrase, by reading.
DIVERGE_WHAT_WORDS = 3

#: A figure that names no noun ("which killed 29") is quoted in a rationale
#: with at most this many words of its clause before it ("killed 29").
DIVERGE_LEAD_WORDS = 2

#: A name of each claim the other never uses is one name spelt two ways from
#: this rapidfuzz ratio (el-Musalamani / el-Musilamani: 92; Tamarod / Tamrod:
#: 92), with the same first letter, last two letters and a neighbouring
#: word; names this short or shorter are never compared (initials, "Sen.").
DIVERGE_SPELLING_RATIO = 80
DIVERGE_SPELLING_MIN_CHARS = 5

#: Quoted spans of at least this many words (ASSESS_MIN_QUOTE_WORDS: shorter
#: ones are scare quotes) that are this alike (rapidfuzz partial ratio of
#: their folded words) are one quote; words that differ inside the part both
#: give are a divergence of wording.
DIVERGE_QUOTE_MIN_WORDS = 4
DIVERGE_QUOTE_SAME_RATIO = 80

#: Two figures more than this many times apart count different things, not
#: one thing differently ("80,000 jobs" created in June, "10 million jobs"
#: short): an order of magnitude. The largest labelled figure divergence of
#: the fit stories is 4.2 times ("at least 2,000" / "8,400 acres").
DIVERGE_FIGURE_MAX_RATIO = 10.0

#: Two times date one event when the lower-case content words within
#: DIVERGE_TIME_WINDOW words of each (in its clause, cut to five letters)
#: share at least DIVERGE_TIME_SHARED_WORDS. Fit stories: same-point pairs
#: often date two events ("a televised address Tuesday night" / "a dinner
#: Sunday evening"); one shared word keeps "the disaster Sunday afternoon
#: ... crew" / "late Sunday evening, 19 ... Crew members were killed".
DIVERGE_TIME_SHARED_WORDS = 1
DIVERGE_TIME_WINDOW = 6

#: Two quotes differ in wording only between runs of at least this many
#: shared words: a lone shared word ("you") after the point where one quote
#: goes on otherwise is no anchor. Two: the smallest run that is a phrase.
DIVERGE_QUOTE_ANCHOR_WORDS = 2

#: Republication is decided from whole documents: two sources are one voice
#: when at least DIVERGE_COPY_MIN_SHARE of the shorter one's word
#: DIVERGE_COPY_NGRAM-grams are in the other (more than half of it is the
#: other's text). Eight words: a stock phrase is shorter, a copied clause
#: longer. On the 96 article pairs of the fit stories of news_claims (each
#: story told by three outlets) the largest share is 0.28 (NPR / New York
#: Post), the next 0.25 (two outlets running parts of one AP story); a
#: shared 40-word quote is ~0.05 of a 600-word article.
DIVERGE_COPY_NGRAM = 8
DIVERGE_COPY_MIN_SHARE = 0.5

// Package index is the archive's full-text index: a Bleve (scorch) index
// with Chinese analysis by gse. Nothing outside index/ imports Bleve or gse:
// the rest of the program sees the Index interface and plain types. Inside
// it, internal/zh holds the analysis (the shared segmenter, the tokenizer,
// the analyzers) and indexbench the benchmarks' baselines, which the
// archive never links.
//
// The index is derived data. The catalog and the stored text
// (text/<sha256>.json) are the truth, and `evidence reindex` rebuilds the
// index from them.
//
// # Chinese analysis
//
// Text is indexed with gse in search mode (analyzer zh_index): every word,
// followed by its dictionary sub-words of two or more characters at the
// position of the word that covers them (长沙市 → 长沙市, 长沙). Queries are
// analysed in exact mode (zh_query) and matched as phrases. So 长沙 finds
// 长沙市 and 四级网络 finds 四级网络体系, while 市长 does not find 南京市长江大桥
// (segmented 南京市|长江大桥). ASCII is lower-cased. Whitespace and
// punctuation are not terms. A curated domain vocabulary
// (internal/zh/vocab.txt) is added to the dictionary once per process, so
// 学分银行 is one word. A domain word of four characters or more that the
// text's segmentation cut between other words anyway (社区教育网络 in
// 社区教育|网络覆盖, where 网络覆盖 wins) is indexed too, at the position of
// the word it starts in, so that it is found wherever the text has it.
// So, since format 19, is a dictionary word of two or three characters
// that the segmentation cut otherwise where it could have cut around it:
// each of its ends is an end of a word of the text or of a sub-word the
// dictionary parts one into (几十万 in 几十|万人次, which is 几十万|人次;
// not 市长 in 南京市|长江大桥, nor 和尚 in 和|尚未: zh.appendRecut).
// So is a place name of three characters, a name of two and its unit
// (长沙市, 浙江省, 鄞州区), where a word starts with it but the segmentation
// cut it (长沙|市委, 北京市民 as one word): the dictionary's tag (ns) tells
// it from other words of three characters found across a cut, which are as
// often not there (研究生 in 研究|生命; 关工委 in 机关|工委, which is
// 机关工作委员会, not 关心下一代工作委员会), and 汉城市 (Seoul) is not in
// 武汉|城市. A page break inside a sentence (one side Chinese, neither
// whitespace) is no break between words: a word that runs onto the next
// page (终身 at the foot of one, 教育体系 at the head of the next) is indexed
// as the word, its offsets spanning the break, so that it is marked on
// both pages. A page number on the last line of a page (— 1 —, - 1 -,
// 第1页 共3页, and 1/3 where 1 is that page's own number, 3 the number of
// pages and a page beside it has a foot too; not a bare figure, nor
// another fraction or a date such as 3/15, which are text) is left out
// there, so that the sentence it sits in meets the next page, and it is
// not marked (zh.FootStart). A Latin code is indexed with its letters and
// its number (ISO and 9001 in ISO9001), and an abbreviation's plural with
// its singular (MOOC in MOOCs, APP in APPs), which a query for the plural
// is searched by (zh.Singular); a plural in small letters (apps, news) is not cut.
// A query's code is also searched written the other way, joined or apart
// (ISO 9001 finds ISO9001, GB/T 28827 finds GB/T28827, and the other way
// round: codeForms), and its parts (GB/T 28827 finds GB/T 28827.1 and
// GB/T28827.2: codePartForm, since after a code a point starts a part's
// number, never a fraction, while 342场 still does not find 1342场), and
// a 文号 typed without the brackets round its year as documents write it
// with them (甬政发2015 finds 甬政发〔2015〕58号: docNumberForms), and a 文号 with 第 before its serial or without
// (〔2015〕58号 finds 〔2015〕第58号 and the other way round:
// docNumberSerialForm), and a 文号 as OCR reads it off a scan, without
// its 号 (杭教发〔2018〕125号 finds 杭教发（2018]125: docNumberReadForms; the
// serial's edge mark keeps it from 杭教发〔2018〕1250号). Whitespace inside
// a 文号 in the text (浙政发 [2019] 5号, 杭教发(2018)\n12号, OCR's
// 杭教发（2018] 125), which extract.Normalize keeps beside ASCII brackets,
// is left out of the n-gram fields since format 21, as a page break
// inside a sentence is: the pair either side spans it (zh.docNumberGaps),
// so the 文号 typed without it, a phrase of pairs as exact as any, finds
// the document and marks the 文号 whole; a query word typed with such
// spaces is searched without them (zh.JoinDocNumbers). A phrase across
// the whitespace would have cost 25 times the search (bench/README.md).
//
// A year in Chinese numerals is searched with each sign of zero that
// documents write it with (二〇二三年, 二○二三年, 二零二三年, 二0二三年,
// 二O二三年: zeroForms); a zero standing alone (零距离) keeps its sign.
// A year of the last two centuries is searched in Arabic digits and in
// Chinese numerals both (2023年 finds 二〇二三年 and the other way round,
// 1998年 一九九八年: yearForms); Arabic digits are taken for a year before
// 年, in a range before one (2021-2025年) or alone (2023), not in a code or
// a quantity (GB/T 28827-2012, 2023人次). These are forms of the query
// only: the index holds the characters as the document writes them, so a
// query is always searched as typed too, and nothing needs reindexing.
// A query word that is a date is searched in each spelling of it
// (2018-03-20, 2018-3-20, 2018/3/20, 2018.3.20, 2018年3月20日,
// 2018年03月20日, and 二〇一八年三月二十日 with every sign of zero:
// dateForms), as a form of the query too, and one in Chinese numerals
// in Arabic digits (二〇一七年九月一日 as 2017年9月1日); a month of a year
// (2018年3月, 二〇一八年三月, 2018-03) and a day of a month (3月20日,
// 三月二十日) are searched in the head of each spelling of a date, so
// that they find a whole date (partDateForms).
//
// gse is given a long text in pieces of at most 32 KB (zh.segmentPieces):
// cut after a mark that ends a clause (。，、；：！？, brackets, quotes,
// whitespace), which no word holds, so its words are those of each
// clause alone, as a query and the marking of hits (zh.SegmentNear) cut
// them; a clause longer than a piece (a page of 1 MB without a mark) is
// cut where a word of gse's ends, well before the piece's bound, so no
// word is cut by it. The n-gram fields are built over the whole text, so
// a string across a piece's bound is found as a substring as anywhere
// else. Given whole, gse held per-character state for the whole text
// at once, and its float32 path over tens of thousands of words found
// other words here and there (人才资源 where a clause alone is 人才|资源).
// A text indexed before this was re-read by the rebuild of format 23
// (which the 约数 rule raised in the same session): its words differed in a
// few places of texts over 32 KB.
//
// Before analysis, text and queries are folded character for character
// (internal/zh/fold.go): traditional characters become simplified by
// OpenCC's t2s tables (學分銀行 → 学分银行) and full-width forms half-width
// (１２．３万 → 12.3万), and the brackets of a 文号 round (〔2016〕, 【2016】,
// ﹝2016﹞ since format 22, [2016] → (2016), as users type them), and dashes hyphens (GB/T
// 9704—2012, 2018年–2020年 → GB/T 9704-2012, 2018年-2020年, as typed),
// a range's wave and two-em dash too (2021～2025年, 2021~2025年,
// 2021⸺2025年 → 2021-2025年), and CJK radicals the ideographs they stand
// for (⼈⺠ → 人民, catalog.RadicalIdeograph: a quote pasted from a PDF
// printed by a browser, text stored before extraction folded them); the
// characters that show nothing (catalog.IsInvisible: 学\u200b习 → 学习)
// are dropped.
// Terms are the folded words; offsets stay those of the original text, so
// a traditional document is highlighted as written.
//
// # Substrings: query words that are not one dictionary word
//
// Exact mode cuts a word gse does not know (学习周, 活动周, 12.3万, 342场,
// 5A级, 甬政发〔2015〕58号) into pieces that the text may have cut
// differently (市民学习周 is one word; 12.3万人次 is 12|3|万人次), so a phrase
// of those pieces silently misses. Such a query word is searched in the
// n-gram fields instead, as the phrase of its character pairs (analyzers
// zh_ngram_index / zh_ngram_query), which matches wherever it occurs as a
// substring. The phrase needs only every other pair (乡村 _ 振兴): a pair's
// position is its character's, and whitespace takes positions of its own
// (zh.Bigrams says how), so pairs two positions apart are four characters
// in a row. So are dictionary words of four characters or more outside the
// domain vocabulary, which the text's segmentation may have cut between
// other words (社区教育|网络覆盖 holds 教育网络, 四级网络|体系 holds 网络体系);
// the domain words, the commonest queries, are found as words at half the
// cost (see above). Shorter dictionary words, single characters, Latin words and plain numbers stay in the gse fields,
// so 市长 still does not match 南京市长江大桥 and 和尚 not 和尚未. Where the
// text's segmentation crossed such a word and zh.appendRecut could not
// mend it (健全 in 建立|健|全市, 中小学 in 中小|学生), it is not found as a
// word: IsCrossableWord names these words, a term may ask to be matched
// as a substring anyway (Term.Substring), and a query may drop what
// another matches (Query.Unless), so that a search can count what its
// words miss and offer the search of substrings. Pairs keep punctuation (12.3万, 〔2015〕);
// a query word's clause mark between two letters or digits, not both
// ASCII, is asked of the text as any clause mark or none (zh.Flex,
// flexphrase.go: the pairs of its parts at their offsets, the pair of a
// mark read only for the documents that hold them all), and a stretch of
// ten characters or more without one may find one mark between two of
// its words, so the index, format unchanged, holds the marks as written.
// and never span whitespace, but for a page break inside a sentence (one
// side Chinese, neither whitespace): the characters either side of it are
// a pair (marked on both pages), so a phrase that runs onto the next page
// is found, as one that runs onto the next line is; a page number at a
// page's foot stays apart from a number at the next one's head; nor for
// whitespace inside a 文号 (浙政发 [2019] 5号, see above); nor, since
// format 24, for whitespace after a clause mark (。、…;:!?,. as folded)
// with a Chinese side: a line break after 。 that extract.Normalize keeps,
// a DOCX paragraph's blank line, 培训; 优化 (zh.markGaps). To the eye the
// next sentence follows, so 1,200人。优化, copied from a viewer or typed
// from the paper, finds 1,200人。\n优化 and marks it whole on its page; a
// query word with whitespace there is searched without it. Whitespace
// without a mark (a heading over its next line, two paragraphs) and a
// '.', ',' or ':' before a digit (12.\n5万, 1,200,\n300人) still part the
// text. A number is never cut out of a longer one:
// the pairs at the edges of a number are indexed a second time with a mark
// (^13 … 42$ in 1342场), and a query word that starts or ends with a digit
// asks for the marked pair, so 342场 does not match 1342场. A decimal's
// trailing zeros change no value, so since format 29 the pair before them
// is marked as an end too (.5$ in 96.50%, 96$ in 96.00: zh.valueEnd), and
// 96.5 and 达96.5 find 96.50%, as 95.2 finds a ledger's 95.20%, while
// 达96 does not match 96.50 nor 96.5 96.51 (a bare 96 still finds the gse
// word 96 of 96.50, as 15 finds 1.15万). Since format 30 the digit
// before such zeros is joined to the character after them (5⁰% in
// 96.50%: zh.ZerosToken) at the pair after the digit, so 96.5%, 12.3万人
// and 3.5亿元 find 96.50%, 12.30万人 and 3.50亿元: the query's pairs up to
// its digit, that token, then the zeros' last pair with the unit wherever
// the zeros end and the rest after it (newZerosQuery: one search in which
// each number of the word may have zeros or not, so 96.5%提高到98.2%
// finds 96.50%提高到98.20%; a comma after the number is such a
// character too, 12.5，较上年 finds 12.50，较上年). Punctuation at
// the ends of a query word is dropped, but for a per cent (or per mille)
// sign after a digit: 3.5% is searched as a substring and does not match
// 3.5万 or 3.5倍.
//
// A number of four digits or more is found however its thousands are
// written: a query word holding one is searched in each of its forms
// (numberForms: 2000余人 and 2,000余人, 1234.5万 and 1,234.5万), since the
// index holds the digits as the document writes them. Years (2017年,
// 〔2016〕) and numbers with a leading zero keep their one form. A count
// right before its unit is searched in 万 or 亿 and counted out too
// (wanForms: 12000人 and 1.2万人, 1.2亿元, 12000万元 and 120000000元),
// each of those in its grouped forms; the edge marks keep 12人 and
// 11.2万人 apart, and a bare number (12000, 1.2万) has no such forms, so
// that no form of 12000 matches 1.2万亿 nor one of 1.2万 the 12000 of
// 12000万. These are forms of the query only. A count from a thousand
// under 万 is searched in 万 too (5000人 and 0.5万人, 1200元 and 0.12万元).
// A query word that ends with a count's unit matches only where the unit
// ends (zh.UnitNotNext; pairPhraseQuery's notNext, the SubstringFinder):
// 12000人 does not match 12000人次, nor 120户 120户次, 12课 12课时 or 1.2万
// 1.2万亿 (342场 does match 342场次: the same sessions).
//
// A bare number is a value. The n-gram fields hold every number of a text
// once more as one token of its value (#=12000 for 12000, 12,000, 1.2万,
// 1.20万, the 一万二千 of 一万二千人 and of 达一万二千。: zh.Values, at the
// pair that ends at its last character), whatever unit follows it; four
// digits that may be a year (2023), a number before 年, joined to a Latin
// letter or after 第, with a leading zero or before a per cent sign have
// none (nor 百分之七十二's 七十二), nor, since format 16, the head of a
// rough number with 万 or 亿 after its 多, 余 or 几 (the 十 of 十多万人, the
// 300 of 300多万元: its value is not the numerals', and the rough number
// is no value), and since format 18 no rough number at all, read as the
// values package reads it (internal/numread: 三十多所 is 31 to 39, 300余名
// more than 300, 近十万人 nearly, 几十万 and 数十万 some), so a bare 30 does
// not find 三十多所 (三十 finds it as text), nor, since format 23, a figure
// a word bounds or approximates (numread.Qualified: 约3000人, 突破3000人,
// 不少于3000人, 3000人以上 or 3000人左右 after its measure word, 约60%), so
// 三千 does not find 约3000人 (3000 finds it as text). Numerals used as a
// label hold none (十二、, （十二）, 二十大, 十九届); since format 25 only
// those a heading is numbered with, under a hundred: the 一百万 of
// 一百万、二百万 or of （其中一点五万） holds its value (zh.label). Digits parted by a thousands
// space or a line break (1 200人, 12\n000人 from a PDF's line wrap) hold
// their joined value (#=1200) and, before a unit, their count (#1200人)
// besides each group's value, as values reads them both ways; so 1200 and
// 1200人 find 1 200人, and 200 still finds it as text. A bare query
// number (12000, 12,000, 1.2万, 一万二千: zh.BareValue; not a year such as
// 2023) also asks for its value's token (valueQuery), so 12000 finds 1.2万
// and 1.2万 finds 12000, never 1.2万亿 (#=1200000000000) nor 120 1200.
//
// A count written in Chinese numerals, or half in them, before its unit
// (一万二千人, 两万元, 十二万人次, 一点二万人, 1万2千人) is indexed in the
// n-gram fields a second time as one token of its number in Arabic digits
// and its unit (#12000人, zh.ChineseCounts, at the position of the pair
// that ends at the unit; it is longer than any pair, so none is one). A
// query word that starts with a count before its unit (12000人, 1.2万人次)
// also asks for that token and the pairs after it (newCountQuery); a query
// word in Chinese numerals is searched in Arabic digits (一万二千人 as
// 12000人, 1.2万人 …: arabicCounts), so that both find each other and
// 一万二千人 never finds 十一万二千人 nor 12000元. Years (二〇二四年),
// numerals digit by digit (一二级), serials (第一百二十期) and numerals
// in words (十三五, 千人计划) are no counts, nor numerals after 成 or 上
// that start with a multiplier of a hundred or more or with 十万 (成百上千,
// 上十万: vaguePlace); after the 成 of a word (建成十个, 建成十几个) they
// are, since format 18, so that 十个 and 十几个 (#10几, read as the index
// reads it) find them. Since format 19 one numeral alone, 二 to 九 or
// 两, before a measure word is a count too (分校八所 as #8所:
// numread.LoneCount, as values reads it), so that 8所 finds it and 八所
// finds 分校8所. Since format 28 a 第-serial in Chinese numerals before a
// unit that counts sessions or batches (届 次 期 批 轮) is held as that
// count's token too (第十八届 as #18届: zh.SerialCounts), so that 十八届
// and 18届 find the 18th session; only the whole numeral after 第 is the
// count, so 八届 finds neither 第十八届 nor 二十八届, and since format 29
// never 一 alone (第一次 is the first time, not 1次, once). Only the n-gram fields hold
// the token, so a count written in Chinese numerals with words before it
// in the query (培训12000人) is not found by it.
//
// # Fields of a Bleve document
//
//	title       text, zh_index, term vectors: the document title, and on a line of
//	            its own its 文号 when the title does not hold it, and on another, since
//	            format 20, the 文号 as OCR read it where the 文号 is a guess from it
//	            (Document.DocNumberRead: 杭教发(2018]125 beside 杭教发〔2018〕12号), so
//	            that the 文号 on the paper finds the document if the guess is wrong;
//	            matches are boosted ×3,
//	            and in a search that asks for it (Query.TitleFirst) a document whose
//	            title matches a clause's word ranks above every one whose text alone
//	            does (titleFirstQuery).
//	text        text, zh_index, term vectors: the normalised pages joined by PageSeparator
//	            ("\f"); the separator's offsets map every match back to its page.
//	title_ngram text, zh_ngram_index, term vectors: the title as character pairs, for
//	            substring query words (boosted ×3 like title).
//	text_ngram  text, zh_ngram_index, term vectors: the text as character pairs; its
//	            offsets map matches to pages like text's. It roughly doubles the index
//	            (bench/README.md has the measured cost).
//	text_stored stored only: the same text deflated, so hits can be highlighted
//	            (Bleve's snappy barely shrinks Chinese; deflate halves it).
//	city        keyword: GB/T 2260 city code (filter).
//	doc_type    keyword: policy, work_summary, … (filter).
//	department  keyword: the submitting department (filter).
//	indicators  keyword, multi-valued: linked key-indicator codes (filter).
//	year        keyword: the year of issue as "2017", else the round's (filter: year=).
//	round       keyword: the monitoring round the document counts for as "2017": its
//	            round, else its year of issue (catalog.Document.MonitoringRound), the
//	            round the coverage and reports count it in (filter: round=). Apart
//	            from year because a year's summary is issued early the next year.
//	facets      keyword, multi-valued, doc values: city:330100, doc_type:policy,
//	            indicators:2.1.3, year:2017 — every facet value of the document in
//	            one field, so that a search counts them in one pass over each match.
//	            Year is a keyword rather than a number because it is counted by value,
//	            which Bleve's numeric fields cannot do.
//	issued_on   datetime: the date of issue, for range queries.
//	cut         keyword: "1" for a document whose text is longer than the index takes
//	            (MaxIndexedChars), so that a search can count the documents it looked
//	            at only in part (Filter.Cut).
//
// Nothing is put in Bleve's composite _all field; queries name their fields.
package index

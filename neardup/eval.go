package neardup

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Pair is a labelled pair of texts: Same says whether a person would call
// them one document (so they must be linked) or two (so they must not).
type Pair struct {
	A, B       string // file names, for reports
	TextA      string
	TextB      string
	Same       bool
	Kind, Note string // what sort of pair it is: layout, ocr, draft, template, unrelated, degenerate
	// OCRA and OCRB say which texts were read by OCR, as the pipeline
	// knows from a document's page sources.
	OCRA, OCRB bool
}

// LoadPairs reads the labelled pairs of dir: dir/pairs.tsv (columns a, b,
// same, kind, note and ocr, the texts read by OCR: a, b, ab or nothing;
// with a header line) naming text files under dir/pairs.
func LoadPairs(dir string) ([]Pair, error) {
	f, err := os.Open(filepath.Join(dir, "pairs.tsv"))
	if err != nil {
		return nil, fmt.Errorf("open labelled pairs: %w", err)
	}
	defer f.Close()
	var out []Pair
	sc := bufio.NewScanner(f)
	for line := 0; sc.Scan(); line++ {
		cols := strings.Split(sc.Text(), "\t")
		if line == 0 || len(cols) == 1 && cols[0] == "" {
			continue
		}
		if len(cols) != 6 || (cols[2] != "0" && cols[2] != "1") || strings.Trim(cols[5], "ab") != "" {
			return nil, fmt.Errorf("pairs.tsv line %d: want a, b, same (0 or 1), kind, note, ocr (a, b, ab or nothing)", line+1)
		}
		p := Pair{A: cols[0], B: cols[1], Same: cols[2] == "1", Kind: cols[3], Note: cols[4],
			OCRA: strings.Contains(cols[5], "a"), OCRB: strings.Contains(cols[5], "b")}
		if p.TextA, err = readText(dir, p.A); err != nil {
			return nil, err
		}
		if p.TextB, err = readText(dir, p.B); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

func readText(dir, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "pairs", filepath.Base(name)))
	if err != nil {
		return "", fmt.Errorf("read labelled text: %w", err)
	}
	return string(b), nil
}

// Scored is a labelled pair with its Similarity and the decision Compare
// took on it.
type Scored struct {
	Pair
	Similarity float64
	Linked     bool
}

// Evaluation is how well Compare agrees with the labels.
type Evaluation struct {
	Precision, Recall float64 // of the pairs linked, the share labelled same; of those labelled same, the share linked
	TP, FP, FN, TN    int
	Pairs             []Scored
}

// Evaluate takes the pipeline's decision (Compare) on every pair and counts
// it against the labels. Precision is 1 when nothing was linked, recall 1
// when no pair is labelled same.
func Evaluate(pairs []Pair) Evaluation {
	var ev Evaluation
	for _, p := range pairs {
		a, b := Text{Pages: []string{p.TextA}, OCR: p.OCRA}, Text{Pages: []string{p.TextB}, OCR: p.OCRB}
		_, linked := Compare(a, b)
		sim := Similarity(a, b, Shingles(p.TextA), Shingles(p.TextB))
		ev.Pairs = append(ev.Pairs, Scored{Pair: p, Similarity: sim, Linked: linked})
		switch {
		case linked && p.Same:
			ev.TP++
		case linked:
			ev.FP++
		case p.Same:
			ev.FN++
		default:
			ev.TN++
		}
	}
	ev.Precision, ev.Recall = 1, 1
	if ev.TP+ev.FP > 0 {
		ev.Precision = float64(ev.TP) / float64(ev.TP+ev.FP)
	}
	if ev.TP+ev.FN > 0 {
		ev.Recall = float64(ev.TP) / float64(ev.TP+ev.FN)
	}
	return ev
}

// String is the evaluation in two lines, for the bench: the figures, then
// per kind of pair how many were linked.
func (ev Evaluation) String() string {
	var kinds []string
	linked, total := map[string]int{}, map[string]int{}
	for _, p := range ev.Pairs {
		if total[p.Kind] == 0 {
			kinds = append(kinds, p.Kind)
		}
		total[p.Kind]++
		if p.Linked {
			linked[p.Kind]++
		}
	}
	per := make([]string, len(kinds))
	for i, k := range kinds {
		per[i] = fmt.Sprintf("%s %d/%d", k, linked[k], total[k])
	}
	return fmt.Sprintf("near duplicates at %.2f: precision %.1f%% recall %.1f%% (%d pairs: %d linked rightly, %d wrongly, %d missed)\n"+
		"  linked per kind: %s", Threshold, ev.Precision*100, ev.Recall*100, len(ev.Pairs), ev.TP, ev.FP, ev.FN,
		strings.Join(per, ", "))
}

package bench

import "unicode"

// HanScore counts Han characters read right on a set of pages, by us
// (extract.Extract) and by plain tesseract on the same rendered images.
type HanScore struct {
	Pages      int `json:"pages"`
	True       int `json:"true_han"`
	Ours       int `json:"ours_matched"` // longest common subsequence with the truth
	Tool       int `json:"tesseract_matched"`
	OursErrors int `json:"ours_edit_errors"` // edit distance, inventions included
	ToolErrors int `json:"tesseract_edit_errors"`
}

func (h *HanScore) add(truth, ours, tool string) {
	t, o, p := hanRunes(truth), hanRunes(ours), hanRunes(tool)
	h.Pages++
	h.True += len(t)
	h.Ours += hanMatched(t, o)
	h.Tool += hanMatched(t, p)
	h.OursErrors += hanEditErrors(t, o)
	h.ToolErrors += hanEditErrors(t, p)
}

func (h HanScore) ours() float64 { return ratio(h.Ours, h.True) }
func (h HanScore) tool() float64 { return ratio(h.Tool, h.True) }

// SealScore is seal detection against the truth, by extract
// (Result.SealPages) and by the naive rule "any red ink on the page".
type SealScore struct {
	TruePos, FalsePos, FalseNeg, TrueNeg int
	RedTruePos, RedFalsePos, RedFalseNeg int
	Missed                               []int `json:"missed,omitempty"`       // pages (0-based in the set) whose seal was not found
	FalseAlarms                          []int `json:"false_alarms,omitempty"` // pages without a seal reported as sealed
}

func (s SealScore) precision() float64 { return ratio(s.TruePos, s.TruePos+s.FalsePos) }
func (s SealScore) recall() float64    { return ratio(s.TruePos, s.TruePos+s.FalseNeg) }
func (s SealScore) redPrecision() float64 {
	return ratio(s.RedTruePos, s.RedTruePos+s.RedFalsePos)
}
func (s SealScore) redRecall() float64 { return ratio(s.RedTruePos, s.RedTruePos+s.RedFalseNeg) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s *SealScore) add(page int, truth, found, red bool) {
	switch {
	case truth && found:
		s.TruePos++
	case truth:
		s.FalseNeg++
		s.Missed = append(s.Missed, page)
	case found:
		s.FalsePos++
		s.FalseAlarms = append(s.FalseAlarms, page)
	default:
		s.TrueNeg++
	}
	switch {
	case truth && red:
		s.RedTruePos++
	case truth:
		s.RedFalseNeg++
	case red:
		s.RedFalsePos++
	}
}

// hanRunes keeps the Han characters of s (and 〇, the zero of written
// dates), the characters the accuracy figures count.
func hanRunes(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r == '〇' {
			out = append(out, r)
		}
	}
	return out
}

// hanMatched is the length of the longest common subsequence of the Han
// characters of truth and got: the true characters read right, in order.
// Characters OCR invents are not counted against it (hanEditErrors does).
func hanMatched(truth, got []rune) int {
	prev, cur := make([]int, len(got)+1), make([]int, len(got)+1)
	for i := 1; i <= len(truth); i++ {
		for j := 1; j <= len(got); j++ {
			if truth[i-1] == got[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(got)]
}

// hanEditErrors is the edit distance between the Han characters of truth
// and got: substitutions, misses and inventions.
func hanEditErrors(truth, got []rune) int {
	prev, cur := make([]int, len(got)+1), make([]int, len(got)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(truth); i++ {
		cur[0] = i
		for j := 1; j <= len(got); j++ {
			cost := 1
			if truth[i-1] == got[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(got)]
}

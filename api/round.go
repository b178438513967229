package api

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// roundJSON is a monitoring round in a request body, as a number (2024)
// or a string of digits ("2024"): documents answer their round as a
// string and claims and values as a number, and a client that sends
// back the round it read from one to the other must not get a 400. null
// leaves it 0 (no round given).
type roundJSON int

// UnmarshalJSON reads a round as roundJSON says.
func (r *roundJSON) UnmarshalJSON(b []byte) error {
	text, ok := roundDigits(b)
	if !ok {
		return badRound(b)
	}
	if text == "" {
		return nil
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return badRound(b)
	}
	*r = roundJSON(n)
	return nil
}

// roundText is a round a body may also clear (a document's "round": ""),
// read as roundJSON reads one: a number is taken as its digits.
type roundText string

// UnmarshalJSON reads a round as roundText says.
func (r *roundText) UnmarshalJSON(b []byte) error {
	text, ok := roundDigits(b)
	if !ok {
		return badRound(b)
	}
	if text != "" {
		// As roundJSON reads it: "02024" is the round 2024, not text
		// that no round's year equals.
		n, err := strconv.Atoi(text)
		if err != nil {
			return badRound(b)
		}
		text = strconv.Itoa(n)
	}
	*r = roundText(text)
	return nil
}

// roundDigits returns the digits of a round given as a JSON number or a
// string: "" for null or "", not ok for anything else (2024.5, "2024年",
// true, an object).
func roundDigits(b []byte) (string, bool) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return "", true
	}
	text := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &text); err != nil {
			return "", false
		}
	}
	for _, c := range text {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return text, len(b) == 0 || b[0] == '"' || text != ""
}

// badRound is the 400 for a round that is neither a number nor a string
// of digits.
func badRound(b []byte) error {
	got := []rune(string(bytes.TrimSpace(b)))
	if len(got) > 40 {
		got = append(got[:40], '…')
	}
	return catalog.FieldErrorf("round", catalog.EINVALID,
		"字段 round 应为监测轮次的年份，写作数字（2024）或数字字符串（\"2024\"），收到的是 %s", string(got))
}

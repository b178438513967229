package web

import "github.com/lcmonitor/evidence/catalog"

// The words of 单位不符 when the passage's unit is the value's own but at
// another scale (12,500人 cited for 12500 万人), kept apart from i18n.go
// so that they merge cleanly; they join messages at start-up, with
// full-width punctuation as the rest.
func init() {
	for k, m := range unitScaleMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var unitScaleMessages = map[string]map[Lang]string{
	"values.unit_mismatch_scale": {Chinese: "单位不符：原文中该数字的单位是“%s”，填报的是“%s”（即 %s）；请核对数值或原文",
		English: "Unit mismatch: the passage writes the number in “%s”, the value was given as “%s” (that is %s); check the value or the passage"},
}

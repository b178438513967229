package catalog

import "testing"

// TestDocNumberForm: a 文号 typed with the brackets a keyboard has is
// shown with its year in 〔〕; one already so, and text that only looks
// alike (a year in brackets without 号, a bracket around words), as typed.
func TestDocNumberForm(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"杭教职成[2017]9号", "杭教职成〔2017〕9号"},
		{"甬政发【2015】58号", "甬政发〔2015〕58号"},
		{"浙政办发(2016)3号", "浙政办发〔2016〕3号"},
		{"杭政办（2018）12号", "杭政办〔2018〕12号"},
		{"教职成 [ 2014 ] 10号", "教职成〔2014〕10号"},
		{"杭政办发〔2018〕12号", "杭政办发〔2018〕12号"},
		{"市委发[2016]第8号", "市委发〔2016〕第8号"},
		{"杭教[2017]", "杭教[2017]"},
		{"杭教(试行)9号", "杭教(试行)9号"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DocNumberForm(tt.typed); got != tt.want {
			t.Errorf("DocNumberForm(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
	d := &Document{DocNumber: "杭教职成[2017]9号"}
	if got := DocNumberShown(d).Chinese; got != "杭教职成〔2017〕9号" {
		t.Errorf("DocNumberShown of a typed 文号 = %q, want its year in 〔〕", got)
	}
	if d.DocNumber != "杭教职成[2017]9号" {
		t.Errorf("showing changed the stored 文号 to %q", d.DocNumber)
	}
}

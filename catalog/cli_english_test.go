package catalog

import "testing"

// TestCLIEnglishJoinsTheMessages: the command line's messages are among
// englishMessages, which the tests above hold to the code; one that was
// there already keeps the English it had, so the two tables never say a
// message two ways.
func TestCLIEnglishJoinsTheMessages(t *testing.T) {
	if len(cliEnglish) == 0 {
		t.Fatal("no command-line messages")
	}
	for zh, en := range cliEnglish {
		if got := englishMessages[zh]; got != en {
			t.Errorf("%q: englishMessages has %q, cliEnglish %q", zh, got, en)
		}
	}
	if got := EnglishOf("已添加监测轮次 %d", 2031); got != "Added the monitoring round 2031" {
		t.Errorf("EnglishOf a command-line message = %q", got)
	}
}

package extract

import "strings"

// Cause is what a file's failure to be read is owed to, as its reason
// tells: whether reading the same bytes again can succeed, so that a
// person is offered the remedy that fits.
type Cause string

// The causes of a failure. CauseUnknown is a reason none of the others
// recognises (none was recorded): both remedies are offered.
const (
	CauseUnknown Cause = ""
	// CauseFile: the file itself — damaged, encrypted, empty, its text
	// garbage, beyond a limit no one sets — so read again it fails alike;
	// a corrected file must replace it.
	CauseFile Cause = "file"
	// CauseSetup: a program this server has not installed, or the time
	// limit an administrator sets (EVIDENCE_EXTRACT_TIMEOUT): once that
	// has changed, reading it again can succeed.
	CauseSetup Cause = "setup"
	// CauseServer: the server at the time — the reading process killed
	// when memory ran short, an internal error: reading it again later can
	// succeed.
	CauseServer Cause = "server"
)

// setupReasons and serverReasons are words of the reasons this package
// (and the pipeline, for an internal error) writes when the file is not
// at fault; every other reason is the file's. Words, not whole messages,
// since reasons carry values (a program, a time limit) and were worded
// differently by earlier versions.
var (
	setupReasons = []string{
		"未安装",       // errMissing, errReaderMissing: a program to install
		"请安装文字识别组件", // an OFD whose scanned pages OCR could not read (ofdOCR.failure)
		"提取文字超时",    // errTimeout: the time limit, which an administrator may raise
	}
	serverReasons = []string{
		"进程被系统强制结束",     // errKilledOutright: most often the kernel's OOM killer
		"内部错误",          // an unexpected failure (ingest's failure reason, catalog.ErrorMessage)
		"读取 PDF 页面内容超时", // errPDFReadTimedOut: the PDF library out of its share of a busy server's time
	}
)

// CauseOf tells, from the reason a document failed with (its Chinese,
// as stored), what the failure is owed to: CauseUnknown for no reason.
func CauseOf(reason string) Cause {
	switch {
	case strings.TrimSpace(reason) == "":
		return CauseUnknown
	case containsAny(reason, setupReasons):
		return CauseSetup
	case containsAny(reason, serverReasons):
		return CauseServer
	}
	return CauseFile
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// catdoc reads Word 97–2003 and WPS files. It was chosen over antiword by
// measurement on LibreOffice-made Word 97 files with Chinese text: antiword
// 0.37 refuses a one-page file ("the text stream of this file is too small
// to handle") and wraps lines at 80 columns, while catdoc read both the
// one-page and a fifteen-page file completely, one paragraph per line with
// -w. Neither writes the page breaks of such files, so a DOC is one page
// unless the text holds form feeds.
var catdoc = &externalTool{
	name:    "catdoc",
	pkg:     "catdoc",
	purpose: catalog.Words{Chinese: " Word 97–2003（.doc）和 WPS 文字（.wps）文件", English: "Word 97–2003 (.doc) and WPS Writer (.wps) files"},
}

func init() { catdoc.register() }

// extractWord97 runs `catdoc -w -d utf-8 FILE` under ctx; its output is
// capped at the text limit.
func extractWord97(ctx context.Context, path string, lim Limits) (*Result, error) {
	out, err := catdoc.run(ctx, path, lim.MaxTextBytes, "-w", "-d", "utf-8")
	if err != nil {
		var appErr *catalog.Error
		if errors.As(err, &appErr) || isContextError(err) {
			return nil, err
		}
		return nil, fmt.Errorf("%v: %w", err, catalog.Errorf(catalog.EINVALID, "Word 文件（.doc/.wps）已损坏，无法读取；请用 Word 或 WPS 打开后另存为 DOCX 或 PDF 再上传"))
	}
	if !utf8.Valid(out) {
		out = []byte(strings.ToValidUTF8(string(out), "\uFFFD"))
	}
	// With -w catdoc writes a paragraph or a table row per line, cells
	// separated by tabs.
	text := strings.TrimRight(string(out), "\f\n")
	text = strings.NewReplacer("\n", paraBreak, "\t", cellSeparator).Replace(text)
	return &Result{Extractor: "catdoc", Pages: strings.Split(text, "\f")}, nil
}

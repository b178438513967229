package report

import (
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/catalog"
)

// Formats a report is written in, with their content types.
var reportTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

// ContentType returns a format's content type, or EINVALID for a format
// reports are not written in ("" means xlsx).
func ContentType(format string) (string, error) {
	if format == "" {
		format = "xlsx"
	}
	ct, ok := reportTypes[format]
	if !ok {
		return "", catalog.Errorf(catalog.EINVALID, "不支持的报告格式 %q；可选：xlsx、docx", format)
	}
	return ct, nil
}

// Write writes the report in format ("xlsx", the default, or "docx").
func (r *Report) Write(w io.Writer, format string) error {
	if _, err := ContentType(format); err != nil {
		return err
	}
	if format == "docx" {
		return r.WriteDOCX(w)
	}
	return r.WriteXLSX(w)
}

// Filename is the report's file name: city, round and format.
func (r *Report) Filename(format string) string {
	if format == "" {
		format = "xlsx"
	}
	if r.Lang == English {
		return fmt.Sprintf("report-%s-%d.%s", r.cityName(), r.Round, format)
	}
	return fmt.Sprintf("监测报告-%s-%d.%s", r.City.Name, r.Round, format)
}

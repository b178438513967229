package spreadsheet

import (
	"archive/zip"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// NewFile is a new workbook whose zip entries are dated at when it is
// written, in China time as every time the archive shows. excelize
// creates its entries by zip.Writer.Create, which dates none: unzip -l
// shows them 1980-00-00 (MS-DOS month 0) and some tools warn of it. Every
// XLSX the archive exports starts here.
func NewFile(at time.Time) *excelize.File {
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return datedZip{Writer: zip.NewWriter(w), at: at.In(catalog.ChinaTime)}
	})
	return f
}

// datedZip is a zip.Writer whose Create dates each entry at, compressed
// as Create would; its entries are still streamed to the writer, not held.
type datedZip struct {
	*zip.Writer
	at time.Time
}

// Create adds an entry named name, dated at, deflated.
func (z datedZip) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.at})
}

var _ excelize.ZipWriter = datedZip{}

package parthead

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// form is a multipart body of a field and a file, whose file part has a
// header of about extra bytes more than usual; nl ends its lines.
func form(extra int, nl string) string {
	return formWith(extra, nl, "杭州市学习型城市建设工作会议纪要。")
}

func formWith(extra int, nl, file string) string {
	b := "----evidence"
	pad := ""
	if extra > 0 {
		pad = "X-Pad: " + strings.Repeat("填", extra/3) + nl
	}
	return "--" + b + nl +
		`Content-Disposition: form-data; name="city"` + nl + nl +
		"330100" + nl +
		"--" + b + nl +
		`Content-Disposition: form-data; name="file"; filename="会议纪要.txt"` + nl +
		pad +
		"Content-Type: text/plain" + nl + nl +
		file + nl + "--" + b + "--" + nl +
		strings.Repeat("结尾之后的内容", 4000) // an epilogue, ignored
}

// chunked gives its bytes n at a time, so that what the scanner looks
// for is cut across reads.
type chunked struct {
	r io.Reader
	n int
}

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func TestLimit(t *testing.T) {
	tests := []struct {
		name  string
		extra int
		nl    string
		ok    bool
		file  string
	}{
		{"an ordinary form", 0, "\r\n", true, ""},
		{"a header just under the cap", Max - 200, "\r\n", true, ""},
		{"a header over the cap", Max + 10, "\r\n", false, ""},
		{"a header of a megabyte", 1 << 20, "\r\n", false, ""},
		{"lines ended by LF alone, under", 0, "\n", true, ""},
		{"lines ended by LF alone, over", Max + 10, "\n", false, ""},
		// The dashes and the boundary inside a file, followed by more:
		// not a boundary, and the file's 20 KiB after it no header.
		{"a boundary's text in a file", 0, "\r\n", true, "第一行\r\n------evidence附件" + strings.Repeat("学", 7000)},
		{"spaces after a boundary", 0, "\r\n", true, ""},
	}
	for _, tt := range tests {
		for _, n := range []int{1, 7, 4096, 1 << 20} {
			file := tt.file
			if file == "" {
				file = "杭州市学习型城市建设工作会议纪要。"
			}
			body := formWith(tt.extra, tt.nl, file)
			if tt.name == "spaces after a boundary" {
				body = strings.Replace(body, "----evidence\r\nContent-Disposition: form-data; name=\"file\"", "----evidence   \t \r\nContent-Disposition: form-data; name=\"file\"", 1)
			}
			r, _ := http.NewRequest("POST", "/upload", chunked{strings.NewReader(body), n})
			r.Header.Set("Content-Type", "multipart/form-data; boundary=----evidence")
			Limit(r)
			mr, err := r.MultipartReader()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for {
				part, err := mr.NextPart()
				if errors.Is(err, io.EOF) {
					break
				}
				if err == nil {
					var b []byte
					if b, err = io.ReadAll(part); err == nil {
						got = append(got, string(b))
					}
				}
				if err != nil {
					if tt.ok || !errors.Is(err, ErrTooLarge) {
						t.Fatalf("%s, read %d bytes at a time: %v", tt.name, n, err)
					}
					break
				}
			}
			if tt.ok && (len(got) != 2 || got[1] != file) {
				t.Errorf("%s, read %d bytes at a time: parts %q", tt.name, n, got)
			}
			if !tt.ok && len(got) == 2 {
				t.Errorf("%s, read %d bytes at a time: the whole form was read", tt.name, n)
			}
		}
	}
}

// TestLimitLeavesOtherBodies: a body that is not multipart passes as it is.
func TestLimitLeavesOtherBodies(t *testing.T) {
	long := strings.Repeat("说明", 50<<10)
	r, _ := http.NewRequest("POST", "/documents/1", strings.NewReader("note="+long))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	Limit(r)
	b, err := io.ReadAll(r.Body)
	if err != nil || len(b) != len("note=")+len(long) {
		t.Errorf("read %d bytes, %v", len(b), err)
	}
}

// TestLimitFileBodyFreely: a file's bytes (not a header) may be any length
// and hold blank-line-free runs longer than Max.
func TestLimitFileBodyFreely(t *testing.T) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "统计年鉴.csv")
	big := strings.Repeat("指标,数值", 1<<20)
	fw.Write([]byte(big))
	w.Close()
	r, _ := http.NewRequest("POST", "/upload", &buf)
	r.Header.Set("Content-Type", w.FormDataContentType())
	Limit(r)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		t.Fatalf("a large file was refused: %v", err)
	}
	defer r.MultipartForm.RemoveAll()
	if fh := r.MultipartForm.File["file"]; len(fh) != 1 || fh[0].Size != int64(len(big)) {
		t.Errorf("file parts %v", fh)
	}
}

// BenchmarkLimit is the cost of following a file part's bytes for its
// boundaries, beside Go's own multipart reader reading them (without:
// the reader alone).
func BenchmarkLimit(b *testing.B) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "年鉴.txt")
	fw.Write(bytes.Repeat([]byte("杭州市学习型城市建设年度报告\r\n"), 16<<20/44))
	w.Close()
	body := buf.Bytes()
	for _, limited := range []bool{false, true} {
		b.Run(map[bool]string{false: "without", true: "with"}[limited], func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r, _ := http.NewRequest("POST", "/upload", bytes.NewReader(body))
				r.Header.Set("Content-Type", w.FormDataContentType())
				if limited {
					Limit(r)
				}
				mr, _ := r.MultipartReader()
				part, err := mr.NextPart()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, part); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

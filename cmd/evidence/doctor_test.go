package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestDoctorSpeaksEnglish: on a machine where catdoc is missing and
// tesseract lacks its Chinese data, `evidence doctor --lang en` says what
// each reader is for, why it cannot be used and what to install, all in
// English (a tesseract without chi_sim is not said to be "not
// installed"); in Chinese it names them with the admin page's words and
// says on every line, in Chinese, what it found. A
// Word 97 file imported then fails with a reason in English that names
// the package.
func TestDoctorSpeaksEnglish(t *testing.T) {
	bin := t.TempDir()
	tesseract := "#!/bin/sh\necho 'List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (1):'\necho eng\n"
	if err := os.WriteFile(filepath.Join(bin, "tesseract"), []byte(tesseract), 0o755); err != nil {
		t.Fatal(err)
	}
	// prlimit, which every reader is started through, is there as on
	// every Debian system.
	if prl, err := exec.LookPath("prlimit"); err == nil {
		if err := os.Symlink(prl, filepath.Join(bin, "prlimit")); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	readers := 0 // every one missing here but prlimit
	for _, r := range extract.Readers(t.Context()) {
		if !r.Available {
			readers++
		}
	}
	args := []string{"doctor", "--lang", "en"}
	said := englishRun(t, args...)
	saysNoChinese(t, said, args)
	for _, want := range []string{
		"✘ tesseract (reads scans and photos by OCR, chi_sim + eng)\n    " + filepath.Join(bin, "tesseract") + ": language data missing: chi_sim\n" +
			"    install: apt-get install tesseract-ocr tesseract-ocr-chi-sim\n",
		"✘ catdoc (reads Word 97–2003 (.doc) and WPS Writer (.wps) files)\n    not installed\n    install: apt-get install catdoc\n",
		"✘ pdftoppm (renders the pages of scanned PDFs for OCR)\n    pdftoppm not found in PATH\n    install: apt-get install poppler-utils\n",
		fmt.Sprintf("%d optional programs are not available (not installed, or failing to run)", readers),
	} {
		if !strings.Contains(said, want) {
			t.Errorf("doctor in English: want\n%s\nin\n%s", want, said)
		}
	}

	said = englishRun(t, "doctor", "--lang", "zh")
	for _, want := range []string{
		"✘ catdoc（Word 97–2003 和 WPS 文字文件）\n    未安装：无法读取",
		"    安装：apt-get install catdoc\n",
		"\n    " + filepath.Join(bin, "tesseract") + "：缺少语言数据 chi_sim\n",
		"\n    未安装：PATH 中找不到 pdftoppm\n",
		fmt.Sprintf("%d 个可选程序不可用（未安装或无法运行）", readers),
	} {
		if !strings.Contains(said, want) {
			t.Errorf("doctor in Chinese: want %q in\n%s", want, said)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(said), "\n") {
		if !han.MatchString(line) || halfWidthNextToChinese.MatchString(line) || strings.Contains(line, "not ") || strings.Contains(line, "missing") {
			t.Errorf("doctor in Chinese: line %q is not in Chinese", line)
		}
	}

	doc, err := os.ReadFile("../../ingest/extract/testdata/report.doc")
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	if err := os.WriteFile(filepath.Join(files, "工作报告.doc"), doc, 0o644); err != nil {
		t.Fatal(err)
	}
	args = []string{"ingest", files, "--city", "330100", "--type", "policy", "--data", filepath.Join(t.TempDir(), "data"), "--lang", "en"}
	said = englishRun(t, args...)
	saysNoChinese(t, said, args, "工作报告")
	if want := "failed     " + filepath.Join(files, "工作报告.doc") + ": The program this archive needs to read Word 97–2003 (.doc) and WPS Writer (.wps) files (catdoc) is not installed; ask the administrator to install the Debian package catdoc (apt-get install catdoc)"; !strings.Contains(said, want) {
		t.Errorf("a .doc without catdoc, in English: want %q in\n%s", want, said)
	}
}

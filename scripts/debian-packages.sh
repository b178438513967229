#!/usr/bin/env bash
# The Debian packages the archive's readers and tests use, in one place:
#   poppler-utils    pdftotext (PDF fallback) and pdftoppm (renders scanned pages for OCR)
#   poppler-data     CID-to-Unicode maps for Chinese PDFs without ToUnicode tables
#   tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-eng
#                    OCR of scans, photos and image-only OFD pages (chi_sim + eng)
#   catdoc           Word 97–2003 (.doc) and WPS (.wps) files
#   libheif-examples heif-convert: iPhones' HEIC (and AVIF) photos, made JPEG for OCR and thumbnails
#   chromium         the browser the web UI tests drive (headless, through chromedp)
#   fonts-noto-cjk   Chinese glyphs in the browser tests' screenshots
#   util-linux       prlimit: every program the reading starts runs under its limits
#                    (Essential on Debian and Ubuntu, so always installed; listed to be checked)
#   gcc              cc: builds the tests' C program that runs out of memory as a
#                    C reader does (ingest/extract/testdata/memhog)
#   postgresql       the server (initdb, pg_ctl) the tests start a throwaway catalog
#                    cluster with (internal/pgtest); several nodes share one
#
# Usage: debian-packages.sh list     print the packages missing here
#        debian-packages.sh install  install the missing ones (needs root and apt-get)
set -euo pipefail

packages=(util-linux poppler-utils poppler-data tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng catdoc libheif-examples chromium fonts-noto-cjk gcc postgresql)

missing=()
for p in "${packages[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

case "${1:-list}" in
list)
	printf '%s\n' "${missing[@]}"
	;;
install)
	if [ ${#missing[@]} -eq 0 ]; then
		exit 0
	fi
	if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "debian-packages: not installing (needs root on Debian); missing: ${missing[*]}" >&2
		echo "debian-packages: tests that need them skip locally and fail under CI=true" >&2
		exit 0
	fi
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}"
	;;
esac

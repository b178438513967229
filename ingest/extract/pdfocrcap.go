package extract

// capOCRPages splits the weak pages of a PDF (page indexes, in page order)
// into those OCR reads and those it leaves out: the first max, and the
// rest.
//
// The first ones, not the ones whose text layer is shortest or garbage: a
// long scan (a yearbook's extract of 800 pages, each a picture under its
// page number) has every layer equally short, so no ranking would tell
// its pages apart; the pages left out are then one run at the end
// (第501–812页), which the document page can name in a line, and which an
// uploader can cut off and upload as a file of its own to have it read.
// A ranking would scatter the pages left out over the document in an
// order no reader could guess. A page whose layer was garbage is empty
// (choosePages) and stays empty when left out, marked as left out: it
// gives search nothing false.
func capOCRPages(weak []int, max int) (read, skipped []int) {
	if len(weak) <= max {
		return weak, nil
	}
	return weak[:max], weak[max:]
}

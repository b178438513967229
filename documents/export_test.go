package documents

// KeptPageIndexes is how many texts' page indexes s keeps and how many
// offsets they hold.
func (s *Service) KeptPageIndexes() (texts, offsets int) { return s.pageIndexes.kept() }

// SetPageIndexLimits sets the most offsets one text's index and all kept
// indexes hold, until restore is called.
func SetPageIndexLimits(perText, all int) (restore func()) {
	oldPer, oldAll := maxIndexOffsets, indexedOffsets
	maxIndexOffsets, indexedOffsets = perText, all
	return func() { maxIndexOffsets, indexedOffsets = oldPer, oldAll }
}

// BuildWaiters is how many views wait for the page indexes being built.
func (s *Service) BuildWaiters() int {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	n := 0
	for _, b := range s.builds {
		n += b.waiters
	}
	return n
}

// SetSmallOriginals bounds how many small originals are held read whole
// at once to n, until restore is called.
func SetSmallOriginals(n int) (restore func()) {
	old := smallOriginals
	smallOriginals = make(chan struct{}, n)
	return func() { smallOriginals = old }
}

// SmallOriginalsHeld is how many small originals read whole are held now.
func SmallOriginalsHeld() int { return len(smallOriginals) }

// SetBulkChanged sets what runs after each document of a bulk change,
// until restore is called.
func SetBulkChanged(f func(id string)) (restore func()) {
	old := bulkChanged
	bulkChanged = f
	return func() { bulkChanged = old }
}

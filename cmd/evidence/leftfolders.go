package main

import (
	"os"
	"time"

	"github.com/lcmonitor/evidence/ingest"
)

// envSettings are the settings openApp takes from the environment.
type envSettings struct {
	readerMemory int64
	// ingest holds the pipeline's limits from the environment, over the
	// command's own (appOptions.ingest).
	ingest ingest.Config
	lease  time.Duration
	// searchSlots is how many searches run at once (0: the default).
	searchSlots int
}

// readEnvSettings reads and checks every setting the environment gives
// openApp for opts, before the data folder is touched: a mistyped one
// refuses the command with the folder as it was.
func readEnvSettings(opts appOptions) (envSettings, error) {
	env := envSettings{readerMemory: opts.readerMemory, ingest: opts.ingest}
	var err error
	if env.readerMemory == 0 {
		if env.readerMemory, err = readerMemoryFromEnv(); err != nil {
			return env, err
		}
	}
	if !opts.withIndex {
		return env, nil
	}
	cfg := &env.ingest
	if cfg.Limits.Timeout, err = durationFromEnv("EVIDENCE_EXTRACT_TIMEOUT"); err != nil {
		return env, err
	}
	if cfg.MaxUpload == 0 {
		if cfg.OCRWorkers == 0 {
			if cfg.OCRWorkers, err = countFromEnv("EVIDENCE_OCR_WORKERS", "workers"); err != nil {
				return env, err
			}
		}
		if cfg.UploadSlots == 0 {
			if cfg.UploadSlots, err = countFromEnv("EVIDENCE_UPLOAD_SLOTS", "uploads at once"); err != nil {
				return env, err
			}
		}
		if cfg.MaxUpload, err = maxUploadFromEnv(); err != nil {
			return env, err
		}
		if env.searchSlots, err = countFromEnv("EVIDENCE_SEARCH_SLOTS", "searches at once"); err != nil {
			return env, err
		}
	}
	// Only the nodes of a shared catalog lease jobs; the variable means
	// nothing to, and so never refuses, a catalog of one.
	if os.Getenv("EVIDENCE_DATABASE_URL") != "" {
		if env.lease, err = durationFromEnv("EVIDENCE_JOB_LEASE"); err != nil {
			return env, err
		}
	}
	return env, nil
}

// madeFolders are the folders of a data folder that were missing when a
// command began to open it.
type madeFolders []string

// foldersMissing names the folders openApp may make in a's data folder
// that are not there yet, innermost first. Not tmp: openApp makes none,
// and one made meanwhile is another process's, for its files. A link
// whose target is missing (a data folder on a share not mounted yet) is
// there: Lstat, not Stat, so that a refusal never takes the link away.
func foldersMissing(a *app) madeFolders {
	_, blobDir, indexDir, _ := a.paths()
	var missing madeFolders
	for _, dir := range []string{indexDir, blobDir, a.dataDir} {
		if _, err := os.Lstat(dir); os.IsNotExist(err) {
			missing = append(missing, dir)
		}
	}
	return missing
}

// removeEmpty removes those of the folders still empty, after a command
// was refused: it leaves the data folder as it found it. Only empty ones,
// so that nothing another process wrote meanwhile (a serve started on
// the same folder) is lost.
func (m madeFolders) removeEmpty() {
	for _, dir := range m {
		// Only a folder itself: what stands at the name now may be a link
		// or file another process put there.
		if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
			continue
		}
		os.Remove(dir) // fails, as meant, on a folder not empty
	}
}

package main

import (
	"flag"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// unpackSettings are how many RAR and 7z archives a server unpacks at
// once and how long an upload waits for a place (extract.Sandbox.Unpacks
// and UnpackWait). Each archive takes a child of up to a reading's share
// of the sandbox's budget (--reader-memory) and a core for minutes, so a server with memory to spare may
// take more, and one short of it fewer.
type unpackSettings struct {
	unpacks int
	wait    time.Duration
}

// unpackFlags adds serve's --unpacks and --unpack-wait to fs, their
// defaults read from EVIDENCE_UNPACKS and EVIDENCE_UNPACK_WAIT (an
// unreadable one is an error at once), and returns the call that
// checks them once fs is parsed.
func unpackFlags(fs *flag.FlagSet) (func() (unpackSettings, error), error) {
	n, err := countFromEnv("EVIDENCE_UNPACKS", "archives unpacked at once")
	if err != nil {
		return nil, err
	}
	if n == 0 {
		n = extract.DefaultUnpacks
	}
	wait, err := durationFromEnv("EVIDENCE_UNPACK_WAIT")
	if err != nil {
		return nil, err
	}
	if wait == 0 {
		wait = extract.DefaultUnpackWait
	}
	unpacks := fs.Int("unpacks", n, "同时解压的 RAR 和 7z 压缩包数，每个在有内存上限的子进程中解压，占用 --reader-memory 的一份（或 EVIDENCE_UNPACKS）")
	unpackWait := fs.Duration("unpack-wait", wait, "上传的 RAR 或 7z 压缩包等待解压名额的最长时间，超时即应答 503（或 EVIDENCE_UNPACK_WAIT）")
	return func() (unpackSettings, error) {
		if *unpacks < 1 || *unpacks > 64 {
			return unpackSettings{}, catalog.Errorf(catalog.EINVALID, "--unpacks=%d 无效：同时解压的压缩包数应为 1 到 64", *unpacks)
		}
		if *unpackWait <= 0 {
			return unpackSettings{}, catalog.Errorf(catalog.EINVALID, "--unpack-wait=%s 无效：应为大于零的时长，如 90s 或 2m", *unpackWait)
		}
		return unpackSettings{unpacks: *unpacks, wait: *unpackWait}, nil
	}, nil
}

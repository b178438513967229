package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/catalog"
)

// CopyReport counts what Copy did.
type CopyReport struct {
	Objects int   // objects in the source
	Copied  int   // written to the target
	Skipped int   // already in the target with the same SHA-256
	Bytes   int64 // bytes written
}

// Copy copies every object of from into to (a folder store into an S3
// bucket, when an archive grows past one machine), but its binding
// (BindingKey): the caller binds the target to its catalog (Bind). An object the target
// already holds with the same SHA-256 is skipped, so a copy that stopped
// half-way is resumed by running it again. Each object written is read
// back from the target and its SHA-256 compared with the source's; a
// difference is an error that stops the copy. progress, when not nil, is
// called after each object with the objects done so far and the total.
func Copy(ctx context.Context, from, to Store, progress func(done, total int)) (CopyReport, error) {
	var infos []Info
	err := from.List(ctx, "", func(i Info) error {
		if i.Key != BindingKey {
			infos = append(infos, i)
		}
		return nil
	})
	if err != nil {
		return CopyReport{}, fmt.Errorf("list source objects: %w", err)
	}
	rep := CopyReport{Objects: len(infos)}
	for i, info := range infos {
		copied, err := copyObject(ctx, from, to, info)
		if err != nil {
			return rep, err
		}
		if copied {
			rep.Copied++
			rep.Bytes += info.Size
		} else {
			rep.Skipped++
		}
		if progress != nil {
			progress(i+1, len(infos))
		}
	}
	return rep, nil
}

// copyObject copies one object unless the target has it already; it
// reports whether it wrote it.
func copyObject(ctx context.Context, from, to Store, info Info) (bool, error) {
	st, err := from.Stat(ctx, info.Key)
	if err != nil {
		return false, err
	}
	want, err := hashObject(ctx, from, info.Key)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", info.Key, err)
	}
	if have, err := to.Stat(ctx, info.Key); err == nil && have.Size == st.Size {
		if got, err := hashObject(ctx, to, info.Key); err == nil && bytes.Equal(got, want) {
			return false, nil
		}
	} else if err != nil && !catalog.IsNotFound(err) {
		return false, fmt.Errorf("look up %s in the target: %w", info.Key, err)
	}
	r, err := from.Get(ctx, info.Key)
	if err != nil {
		return false, err
	}
	err = to.Put(ctx, info.Key, r, st.Size, st.ContentType)
	r.Close()
	if err != nil {
		return false, fmt.Errorf("write %s: %w", info.Key, err)
	}
	got, err := hashObject(ctx, to, info.Key)
	if err != nil {
		return false, fmt.Errorf("read back %s: %w", info.Key, err)
	}
	if !bytes.Equal(got, want) {
		return false, catalog.Errorf(catalog.EINTERNAL, "%s 复制后的 SHA-256 与原件不一致", info.Key)
	}
	return true, nil
}

func hashObject(ctx context.Context, s Store, key string) ([]byte, error) {
	r, err := s.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

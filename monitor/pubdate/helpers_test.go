package pubdate

import (
	"testing"
	"time"
)

// day builds an expected date.
func day(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, China)
}

// checkDate fails t unless got is a date this package may return.
func checkDate(t *testing.T, got time.Time) {
	t.Helper()
	if got.Location() != China {
		t.Fatalf("date %v not in China zone", got)
	}
	if got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
		t.Fatalf("date %v not at midnight", got)
	}
	if got.Year() < minYear || got.Year() > maxYear {
		t.Fatalf("date %v outside %d–%d", got, minYear, maxYear)
	}
}

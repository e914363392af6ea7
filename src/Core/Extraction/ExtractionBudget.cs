using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Counts entries and the bytes actually produced, never the sizes an archive declares, so a
/// header that lies or zip entries that overlap cannot get past the limits.
/// </summary>
internal sealed class ExtractionBudget
{
    private readonly ExtractionOptions _options;
    private readonly string _maskedUrl;
    private long _entries;
    private long _written;
    private long _discarded;

    public ExtractionBudget(ExtractionOptions options, string maskedUrl)
    {
        _options = options;
        _maskedUrl = maskedUrl;
    }

    public void CountEntry()
    {
        if (++_entries > _options.MaxEntries)
        {
            throw new FetchException(DiagnosticCatalog.TooManyEntries(_maskedUrl, _options.MaxEntries));
        }
    }

    /// <summary>Called before <paramref name="count"/> bytes are written, so the limit is never passed on disk.</summary>
    public void Write(long count) => Charge(ref _written, count);

    /// <summary>
    /// Bytes decompressed but not written (skipped entries, padding after a tar's end) have their
    /// own allowance of the same size: they cost time, not disk, but they cost it all the same.
    /// </summary>
    public void Discard(long count) => Charge(ref _discarded, count);

    private void Charge(ref long total, long count)
    {
        if (count > _options.MaxExtractedBytes - total)
        {
            throw new FetchException(DiagnosticCatalog.ArchiveTooLarge(_maskedUrl, _options.MaxExtractedBytes));
        }

        total += count;
    }
}

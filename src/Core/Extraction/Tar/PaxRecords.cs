using System.Text;

namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// The records of a pax extended header: "&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n", each read by its
/// length, never by lines, so a value may hold any byte (binary xattrs, newlines). Values are only
/// interpreted for the few keys that shape the tree; a time that is negative or fractional, or an
/// xattr nobody can decode, is never looked at.
/// </summary>
internal sealed class PaxRecords
{
    private readonly List<(string Key, byte[] Value)> _records = [];

    /// <summary>Every record in order, repeated keys included (pax 0.0 sparse maps repeat them).</summary>
    public IReadOnlyList<(string Key, byte[] Value)> All => _records;

    public bool IsEmpty => _records.Count == 0;

    /// <summary>
    /// Adds the records of one header, after those already held. Returns false at a record whose
    /// length does not frame it ("len key=value\n"): GNU tar, libarchive and Python's tarfile all
    /// call that an error (the first two still extract, and exit with a failure).
    /// </summary>
    public bool Add(ReadOnlySpan<byte> data)
    {
        // Some writers pad the header's data with NULs.
        while (!data.IsEmpty && data[0] != 0)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !TryDecimal(data[..space], out var length) || length <= space + 1 || length > data.Length)
            {
                return false;
            }

            var record = data[(space + 1)..(int)length];
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0 || record[^1] != (byte)'\n')
            {
                return false;
            }

            _records.Add((Encoding.UTF8.GetString(record[..equals]), record[(equals + 1)..^1].ToArray()));
            data = data[(int)length..];
        }

        return true;
    }

    /// <summary>The last value given for <paramref name="key"/>; an empty value counts as none (it undoes a default).</summary>
    public byte[]? Value(string key)
    {
        for (var i = _records.Count - 1; i >= 0; i--)
        {
            if (_records[i].Key == key)
            {
                return _records[i].Value.Length == 0 ? null : _records[i].Value;
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="key"/> as a non-negative decimal, or null when absent or not one.</summary>
    public long? Number(string key) => Value(key) is { } value && TryDecimal(value, out var number) ? number : null;

    public bool Has(string key) => Value(key) is not null;

    /// <summary>ASCII digits only, at most 18 of them (no overflow).</summary>
    public static bool TryDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}

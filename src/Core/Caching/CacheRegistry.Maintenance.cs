namespace Fetch.Build.Core.Caching;

/// <summary>What the tool and the size cap ask of the registry: every row, when content was last used, and removal.</summary>
internal sealed partial class CacheRegistry
{
    /// <summary>Notes that a build or the tool used stored content (SPEC §8, "last used"): the blob and the URL row it came through.</summary>
    public void RecordUse(string sha256, string urlKey) => Write(c =>
    {
        var now = Now();
        Execute(c, "UPDATE blobs SET last_accessed = $now WHERE sha256 = $s", ("$now", now), ("$s", sha256));
        Execute(c, "UPDATE entries SET last_accessed = $now WHERE url_key = $k AND sha256 = $s AND status = 'READY'", ("$now", now), ("$k", urlKey), ("$s", sha256));
    });

    /// <summary>Every stored content's row with the URL it was last used through, least recently used first.</summary>
    public IReadOnlyList<StoredContent> ListStored() => Read(c =>
    {
        using var command = Command(c,
            """
            SELECT b.sha256, b.size, b.last_accessed,
                (SELECT e.masked_url FROM entries e WHERE e.sha256 = b.sha256 AND e.status = 'READY' ORDER BY e.last_accessed DESC LIMIT 1),
                (SELECT count(*) FROM entries e WHERE e.sha256 = b.sha256 AND e.status = 'READY')
            FROM blobs b ORDER BY b.last_accessed, b.sha256
            """);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredContent>();
        while (reader.Read())
        {
            rows.Add(new StoredContent(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3), (int)reader.GetInt64(4)));
        }

        return rows;
    });

    /// <summary>URL rows that hold no ready content: downloads running or left by a dead build (WRITE), and failed or dropped ones.</summary>
    public IReadOnlyList<UnreadyEntry> ListUnready() => Read(c =>
    {
        using var command = Command(c, "SELECT url_key, masked_url, status, last_accessed FROM entries WHERE status <> 'READY' ORDER BY last_accessed");
        using var reader = command.ExecuteReader();
        var rows = new List<UnreadyEntry>();
        while (reader.Read())
        {
            rows.Add(new UnreadyEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    });

    /// <summary>When the content was last used (unix seconds), or null when it has no row.</summary>
    public long? LastUsedOf(string sha256)
    {
        var value = Read(c => Scalar<long>(c, "SELECT coalesce(max(last_accessed), -1) FROM blobs WHERE sha256 = $s", ("$s", sha256)));
        return value < 0 ? null : value;
    }

    /// <summary>The total size of stored content the registry knows.</summary>
    public long StoredBytes() => Read(c => Scalar<long>(c, "SELECT coalesce(sum(size), 0) FROM blobs"));

    /// <summary>
    /// Forgets content that is being removed (under its exclusive hold): its blob row, the URL rows
    /// that lead to it (a download writing it again keeps its row) and its trees; returns the keys
    /// of those trees, whose kept files go with it.
    /// </summary>
    public IReadOnlyList<string> RemoveContent(string sha256)
    {
        var trees = new List<string>();
        Write(c =>
        {
            trees.Clear();
            using (var command = Command(c, "SELECT tree_key FROM trees WHERE archive_sha256 = $s", ("$s", sha256)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    trees.Add(reader.GetString(0));
                }
            }

            Execute(c, "DELETE FROM entries WHERE sha256 = $s AND status <> 'WRITE'", ("$s", sha256));
            Execute(c, "DELETE FROM trees WHERE archive_sha256 = $s", ("$s", sha256));
            Execute(c, "DELETE FROM blobs WHERE sha256 = $s", ("$s", sha256));
        });
        return trees;
    }

    /// <summary>Deletes a URL row that holds no content: failed, dropped, or a WRITE row whose download is dead (the caller holds its URL lock).</summary>
    public void RemoveEntry(string urlKey) => Write(c =>
        Execute(c, "DELETE FROM entries WHERE url_key = $k AND status <> 'READY'", ("$k", urlKey)));

    /// <summary>Rows that point at nothing: READY URL rows whose blob row is gone, tree rows whose archive is gone. Returns how many.</summary>
    public int RemoveDanglingRows()
    {
        var count = 0;
        Write(c =>
        {
            count = Execute(c, "DELETE FROM entries WHERE status = 'READY' AND sha256 NOT IN (SELECT sha256 FROM blobs)");
            count += Execute(c, "DELETE FROM trees WHERE archive_sha256 NOT IN (SELECT sha256 FROM blobs)");
        });
        return count;
    }

    /// <summary>Tree keys a placement still names: their file lists serve up-to-date checks, their kept trees a project's links.</summary>
    public IReadOnlySet<string> TreesInUse() => Keys("SELECT DISTINCT tree_key FROM placements WHERE tree_key IS NOT NULL");

    /// <summary>Tree keys the registry knows (a trees row), kept or not.</summary>
    public IReadOnlySet<string> KnownTrees() => Keys("SELECT tree_key FROM trees");

    private HashSet<string> Keys(string sql) => Read(c =>
    {
        using var command = Command(c, sql);
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    });
}

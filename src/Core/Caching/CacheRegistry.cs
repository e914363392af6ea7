using Fetch.Build.Core.Integrity;
using Microsoft.Data.Sqlite;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// The SQLite index over the cache: which content each URL gave, which digests each blob has,
/// which trees' file lists the cache keeps, and what was placed where. Every write is a short
/// <c>BEGIN IMMEDIATE</c> transaction retried whole when another process holds the database.
/// </summary>
internal sealed partial class CacheRegistry : IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int MaxAttempts = 100;
    private static readonly TimeSpan IoErrorPause = TimeSpan.FromMilliseconds(500);
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    private CacheRegistry(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>
    /// Opens (creating, seeding or migrating) this schema's registry. A database that fails to open
    /// is tried once more, then moved aside and rebuilt from the content store; <paramref name="warn"/>
    /// is told. One that a newer Fetch.Build wrote is a <see cref="Diagnostics.FetchException"/> (FB1007).
    /// </summary>
    public static CacheRegistry Open(CacheLayout layout, ContentStore store, TimeProvider time, Action<string> warn)
    {
        RegistrySeed.EnsureFor(layout);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return OpenOrCreate(layout, time);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteIoError && attempt == 1)
            {
                // A -wal deleted under a live build fails every new opener until that build closes
                // the registry (its checkpoint then heals it): worth one short wait.
                Thread.Sleep(IoErrorPause);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase or SqliteIoError)
            {
                return MoveAsideAndRebuild(layout, store, time, warn, ex);
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// A new, empty registry in place of one that cannot be read; the old files go aside, where a
    /// build that still holds them open goes on with them undisturbed.
    /// </summary>
    private static CacheRegistry MoveAsideAndRebuild(CacheLayout layout, ContentStore store, TimeProvider time, Action<string> warn, SqliteException ex)
    {
        var aside = $"{layout.RegistryPath}.corrupt-{time.GetUtcNow().ToUnixTimeSeconds()}";
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            if (File.Exists(layout.RegistryPath + suffix))
            {
                File.Move(layout.RegistryPath + suffix, aside + suffix, overwrite: true);
            }
        }

        var registry = OpenOrCreate(layout, time);
        var count = registry.Rebuild(store);
        warn($"the cache registry '{layout.RegistryPath}' was unreadable ({ex.Message.TrimEnd('.')}); " +
            $"it was moved to '{aside}' and rebuilt from {count} stored files.");
        return registry;
    }

    /// <summary>The sha256 of stored content with this digest, from any URL.</summary>
    public string? FindByDigest(ExpectedDigest digest)
    {
        if (digest.Algorithm == DigestAlgorithm.Sha256)
        {
            return digest.Hex;
        }

        var column = ColumnFor(digest.Algorithm);
        return Read(c => Scalar<string>(c, $"SELECT sha256 FROM blobs WHERE {column} = $v LIMIT 1", ("$v", digest.Hex)));
    }

    /// <summary>The sha256 a READY entry for this URL key recorded.</summary>
    public string? FindByUrl(string urlKey) =>
        Read(c => Scalar<string>(c, "SELECT sha256 FROM entries WHERE url_key = $k AND status = 'READY'", ("$k", urlKey)));

    /// <summary>
    /// Records stored content and every digest computed for it. Call after the blob is in place;
    /// <paramref name="identity"/> is the blob's identity then, when these digests were computed from its very bytes.
    /// </summary>
    public void RecordBlob(ContentDigests digests, FileIdentity? identity) => Write(c =>
    {
        var now = Now();
        Execute(c,
            """
            INSERT INTO blobs(sha256, size, md5, sha384, sha512, created, verified, last_accessed, verified_identity)
            VALUES($sha256, $size, $md5, $sha384, $sha512, $now, $now, $now, $identity)
            ON CONFLICT(sha256) DO UPDATE SET
                md5 = coalesce(excluded.md5, md5), sha384 = coalesce(excluded.sha384, sha384),
                sha512 = coalesce(excluded.sha512, sha512), verified = $now, last_accessed = $now,
                verified_identity = excluded.verified_identity
            """,
            ("$sha256", digests.Sha256), ("$size", digests.Length), ("$md5", digests.Get(DigestAlgorithm.Md5)),
            ("$sha384", digests.Get(DigestAlgorithm.Sha384)), ("$sha512", digests.Get(DigestAlgorithm.Sha512)), ("$now", now),
            ("$identity", identity?.ToString()));
    });

    /// <summary>
    /// Records a stored blob known only by its address (its SHA-256), when it has no row yet. No
    /// identity is recorded: the next copy out of the cache hashes it.
    /// </summary>
    public void EnsureBlob(string sha256, long size) => Write(c =>
    {
        var now = Now();
        Execute(c,
            "INSERT OR IGNORE INTO blobs(sha256, size, created, verified, last_accessed) VALUES($s, $n, $now, $now, $now)",
            ("$s", sha256), ("$n", size), ("$now", now));
    });

    /// <summary>True when the blob has a row.</summary>
    public bool HasBlob(string sha256) =>
        Read(c => Scalar<long>(c, "SELECT count(*) FROM blobs WHERE sha256 = $s", ("$s", sha256))) > 0;

    /// <summary>The file identity under which this blob was last hashed and found right, or null.</summary>
    public string? VerifiedIdentityOf(string sha256) =>
        Read(c => Scalar<string>(c, "SELECT verified_identity FROM blobs WHERE sha256 = $s", ("$s", sha256)));

    /// <summary>Notes that the blob was hashed and found right while it had <paramref name="identity"/>.</summary>
    public void RecordVerifiedIdentity(string sha256, FileIdentity identity) => Write(c =>
        Execute(c, "UPDATE blobs SET verified_identity = $i, verified = $now WHERE sha256 = $s",
            ("$i", identity.ToString()), ("$now", Now()), ("$s", sha256)));

    /// <summary>
    /// Marks a URL key as being written by this process. Called under the URL's lock, so a WRITE
    /// row found by the next lock holder can only be left by an owner that died; returns true then.
    /// </summary>
    public bool BeginWrite(string urlKey, string maskedUrl)
    {
        var recovered = false;
        Write(c =>
        {
            recovered = Scalar<string>(c, "SELECT status FROM entries WHERE url_key = $k", ("$k", urlKey)) == EntryStatus.Write;
            var now = Now();
            Execute(c,
                """
                INSERT INTO entries(url_key, masked_url, status, version, owner_pid, created, last_accessed)
                VALUES($k, $u, 'WRITE', 1, $pid, $now, $now)
                ON CONFLICT(url_key) DO UPDATE SET masked_url = $u, status = 'WRITE', owner_pid = $pid, last_accessed = $now
                """,
                ("$k", urlKey), ("$u", maskedUrl), ("$pid", Environment.ProcessId), ("$now", now));
        });
        return recovered;
    }

    /// <summary>
    /// Marks a URL key READY with its content. The row is written last, after the blob is in place.
    /// <paramref name="pinnedBy"/>: the host whose published digest the content was verified against
    /// (a digest source's origin phrase), when nothing the item or the lock file says pinned it.
    /// </summary>
    public void CompleteWrite(string urlKey, string sha256, long size, string? etag, string? lastModified, string? pinnedBy = null) => Write(c =>
    {
        var now = Now();
        Execute(c,
            """
            UPDATE entries SET status = 'READY', version = version + 1, sha256 = $s, size = $n, content_length = $n,
                etag = $e, last_modified = $m, http_status = 200, owner_pid = NULL, verified = $now, last_accessed = $now, pinned_by = $p
            WHERE url_key = $k
            """,
            ("$k", urlKey), ("$s", sha256), ("$n", size), ("$e", etag), ("$m", lastModified), ("$now", now), ("$p", pinnedBy));
    });

    /// <summary>Who vouched for the content of a READY URL key that nothing local pinned (see <see cref="CompleteWrite"/>), or null.</summary>
    public string? PinnedByOf(string urlKey) =>
        Read(c => Scalar<string>(c, "SELECT pinned_by FROM entries WHERE url_key = $k AND status = 'READY'", ("$k", urlKey)));

    /// <summary>The (masked) URLs whose READY rows hold this content.</summary>
    public IReadOnlyList<string> ReadyUrlsOf(string sha256) => Read(c =>
    {
        using var command = Command(c, "SELECT masked_url FROM entries WHERE sha256 = $s AND status = 'READY'", ("$s", sha256));
        using var reader = command.ExecuteReader();
        var urls = new List<string>();
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }

        return urls;
    });

    /// <summary>The status of a URL key's row, or null when there is none.</summary>
    public string? StatusOf(string urlKey) =>
        Read(c => Scalar<string>(c, "SELECT status FROM entries WHERE url_key = $k", ("$k", urlKey)));

    /// <summary>Records that the last attempt failed; the content it had, if any, stays trusted only if READY elsewhere.</summary>
    public void FailWrite(string urlKey) => Write(c =>
        Execute(c, "UPDATE entries SET status = 'FAILED', owner_pid = NULL WHERE url_key = $k AND status = 'WRITE'", ("$k", urlKey)));

    /// <summary>
    /// Takes a URL's content back from READY: an unpinned artifact could not use it (it was not the
    /// archive it claimed to be), so the next build asks the server again instead of the cache.
    /// </summary>
    public void FailEntry(string urlKey) => Write(c =>
        Execute(c, "UPDATE entries SET status = 'FAILED', owner_pid = NULL WHERE url_key = $k AND status = 'READY'", ("$k", urlKey)));

    /// <summary>Counts rows per status, for tests and diagnostics.</summary>
    public IReadOnlyDictionary<string, long> CountByStatus() => Read(c =>
    {
        using var command = Command(c, "SELECT status, count(*) FROM entries GROUP BY status");
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    });

    /// <summary>Every READY entry's content digest, for consistency checks.</summary>
    public IReadOnlyList<string> ReadyContent() => Read(c =>
    {
        using var command = Command(c, "SELECT sha256 FROM entries WHERE status = 'READY'");
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    });

    /// <summary>Forgets content found corrupt or missing: its blob row and every entry and tree built on it.</summary>
    public void ForgetBlob(string sha256) => Write(c =>
    {
        Execute(c, "DELETE FROM blobs WHERE sha256 = $s", ("$s", sha256));
        Execute(c, "UPDATE entries SET status = 'TRASH' WHERE sha256 = $s", ("$s", sha256));
        Execute(c, "DELETE FROM trees WHERE archive_sha256 = $s", ("$s", sha256));
    });

    /// <summary>Notes that the file list of tree <paramref name="treeKey"/> is kept, and which archive it lists.</summary>
    public void RecordTree(string treeKey, string archiveSha256, string options, int fileCount, long totalBytes) => Write(c =>
        Execute(c,
            """
            INSERT OR REPLACE INTO trees(tree_key, archive_sha256, options, status, file_count, total_bytes, created)
            VALUES($k, $a, $o, 'READY', $f, $t, $now)
            """,
            ("$k", treeKey), ("$a", archiveSha256), ("$o", options), ("$f", fileCount), ("$t", totalBytes), ("$now", Now())));

    public PlacementRecord? FindPlacement(string path) => Read(c =>
    {
        using var command = Command(c, "SELECT request_key, sha256, tree_key, size, mtime, identity FROM placements WHERE path = $p", ("$p", path));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new PlacementRecord(path, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    });

    public void RecordPlacement(PlacementRecord record) => Write(c =>
        Execute(c,
            "INSERT OR REPLACE INTO placements(path, request_key, sha256, tree_key, size, mtime, placed, identity) VALUES($p, $r, $s, $t, $n, $m, $now, $i)",
            ("$p", record.Path), ("$r", record.RequestKey), ("$s", record.Sha256), ("$t", record.TreeKey), ("$n", record.Size),
            ("$m", record.MTimeTicks), ("$now", Now()), ("$i", record.Identity)));

    /// <summary>When a host asked every client on this machine to wait until, or null.</summary>
    public DateTimeOffset? HostBlockedUntil(string host)
    {
        var until = Read(c => Scalar<long>(c, "SELECT blocked_until FROM host_limits WHERE host = $h", ("$h", host)));
        return until == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(until);
    }

    /// <summary>Records a host's wait for every build on the machine; a later moment wins.</summary>
    public void BlockHost(string host, DateTimeOffset until) => Write(c =>
        Execute(c,
            "INSERT INTO host_limits(host, blocked_until) VALUES($h, $u) ON CONFLICT(host) DO UPDATE SET blocked_until = max(blocked_until, $u)",
            ("$h", host), ("$u", until.ToUnixTimeMilliseconds())));

    private static string ColumnFor(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "md5",
        DigestAlgorithm.Sha384 => "sha384",
        DigestAlgorithm.Sha512 => "sha512",
        _ => "sha256",
    };

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();
}

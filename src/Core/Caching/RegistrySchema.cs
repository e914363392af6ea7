namespace Fetch.Build.Core.Caching;

/// <summary>
/// The registry's tables. Bump <see cref="Version"/> and add a step to <see cref="Migrations"/> to
/// change them: the new version gets a registry file of its own (<see cref="CacheLayout.RegistryPathFor"/>),
/// so a Fetch.Build that knows only an older schema never reads or writes it.
/// </summary>
internal static class RegistrySchema
{
    public const int Version = 4;

    /// <summary>The last schema kept in <c>registry.db</c>, a name every schema shared until then.</summary>
    public const int LastInSharedFile = 2;

    /// <summary>Migrations[i] takes a database from version i to i + 1.</summary>
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS blobs(
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            md5 TEXT, sha384 TEXT, sha512 TEXT,
            created INTEGER NOT NULL,
            verified INTEGER NOT NULL,
            last_accessed INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS blobs_md5 ON blobs(md5);
        CREATE INDEX IF NOT EXISTS blobs_sha384 ON blobs(sha384);
        CREATE INDEX IF NOT EXISTS blobs_sha512 ON blobs(sha512);
        CREATE TABLE IF NOT EXISTS entries(
            url_key TEXT PRIMARY KEY,
            masked_url TEXT NOT NULL,
            status TEXT NOT NULL,
            version INTEGER NOT NULL,
            sha256 TEXT,
            size INTEGER,
            etag TEXT,
            last_modified TEXT,
            content_length INTEGER,
            http_status INTEGER,
            owner_pid INTEGER,
            created INTEGER NOT NULL,
            verified INTEGER,
            last_accessed INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS trees(
            tree_key TEXT PRIMARY KEY,
            archive_sha256 TEXT NOT NULL,
            options TEXT NOT NULL,
            status TEXT NOT NULL,
            file_count INTEGER NOT NULL,
            total_bytes INTEGER NOT NULL,
            created INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS placements(
            path TEXT PRIMARY KEY,
            request_key TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            tree_key TEXT,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            placed INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS host_limits(
            host TEXT PRIMARY KEY,
            blocked_until INTEGER NOT NULL);
        """,
        // The file identity under which a blob's bytes were last hashed (see FileIdentity).
        "ALTER TABLE blobs ADD COLUMN verified_identity TEXT;",
        // Which file or folder a placement put there (see FileKey): a path can come to name another.
        "ALTER TABLE placements ADD COLUMN identity TEXT;",
        // Who vouched for an unpinned URL's content when it was downloaded (a host's published
        // digest), so that later builds served from the cache know it was verified (no FB1005).
        "ALTER TABLE entries ADD COLUMN pinned_by TEXT;",
    ];
}

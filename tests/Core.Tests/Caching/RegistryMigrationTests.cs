using Fetch.Build.Core.Caching;
using Fetch.Build.TestSupport;
using Microsoft.Data.Sqlite;

namespace Fetch.Build.Core.Tests.Caching;

public sealed class RegistryMigrationTests
{
    [Test]
    public void Open_RegistryOfSchemaVersionOne_GainsVerifiedIdentitiesAndKeepsItsRows()
    {
        using var folder = new TempDirectory();
        var layout = new CacheLayout(folder.Path);
        layout.EnsureFolders();
        var sha = new string('a', 64);
        using (var old = new SqliteConnection($"Data Source={layout.RegistryPath};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = RegistrySchema.Migrations[0] +
                $"INSERT INTO blobs(sha256, size, created, verified, last_accessed) VALUES('{sha}', 3, 0, 0, 0); PRAGMA user_version = 1;";
            create.ExecuteNonQuery();
        }

        using var registry = CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { });

        Assert.That(registry.VerifiedIdentityOf(sha), Is.Null);
        registry.RecordVerifiedIdentity(sha, new FileIdentity(1, 2, 3, 4, 5));
        Assert.That(registry.VerifiedIdentityOf(sha), Is.EqualTo("1:2:3:4:5"));
    }
}

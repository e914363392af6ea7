using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.TestSupport;

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
        RegistryFiles.Create(layout.RegistryPath, steps: 1, userVersion: 1,
            $"INSERT INTO blobs(sha256, size, created, verified, last_accessed) VALUES('{sha}', 3, 0, 0, 0);");

        using var registry = CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { });

        Assert.That(registry.VerifiedIdentityOf(sha), Is.Null);
        registry.RecordVerifiedIdentity(sha, new FileIdentity(1, 2, 3, 4, 5));
        Assert.That(registry.VerifiedIdentityOf(sha), Is.EqualTo("1:2:3:4:5"));
    }

    [Test]
    public void Open_OwnRegistryFileClaimingANewerSchema_FailsFB1007NamingBothVersionsAndWritesNothing()
    {
        using var folder = new TempDirectory();
        var layout = new CacheLayout(folder.Path);
        layout.EnsureFolders();
        RegistryFiles.Create(layout.RegistryPath, steps: RegistrySchema.Migrations.Length, userVersion: RegistrySchema.Version + 1);
        var before = File.ReadAllBytes(layout.RegistryPath);

        var error = Assert.Throws<FetchException>(() => CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { }));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.CacheUnusableCode));
        Assert.That(error.Message, Does.Contain($"schema version {RegistrySchema.Version + 1}, newer than the {RegistrySchema.Version} this Fetch.Build knows"));
        Assert.That(File.ReadAllBytes(layout.RegistryPath), Is.EqualTo(before));
        Assert.That(RegistryFiles.UserVersion(layout.RegistryPath), Is.EqualTo(RegistrySchema.Version + 1));
    }
}

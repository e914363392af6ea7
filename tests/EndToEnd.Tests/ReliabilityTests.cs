using System.Buffers.Binary;
using System.Globalization;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Builds that meet a bad day: a trickling server, a linked obj/fetch, a wiped cache, a cache from another version.</summary>
public sealed class ReliabilityTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(20_000, seed: 11);

    [Test]
    public async Task Build_ServerTricklesOneBytePerSecond_FailsFB1002AsStalledInsteadOfWaiting()
    {
        Server.Handle("slow.bin", (context, _) => TrickleContent.WriteAsync(context, Content, TimeSpan.FromSeconds(1)));
        using var project = new ConsumerProject(Cache.Path);
        project.Properties["FetchTimeoutSeconds"] = "2";
        project.Properties["FetchRetryCount"] = "0";
        project.Items.Add(ConsumerProject.Artifact(Server.Url("slow.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1002").And.Contain("stalled: less than 1 KiB received in 2 s"));
    }

    [Test]
    [Platform("Linux")]
    public async Task Build_ObjFetchReplacedByALinkToAFolderWithAFileOfTheSameName_FailsFB1012AndLeavesThatFileAlone()
    {
        Server.Serve("data.bin", Content);
        using var project = Consumer(ConsumerProject.Artifact(Server.Url("data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var fetch = Path.Combine(project.Folder, "obj", "fetch");
        var elsewhere = Directory.CreateDirectory(Path.Combine(project.Folder, "elsewhere")).FullName;
        var theirs = Path.Combine(elsewhere, "data.bin");
        File.WriteAllText(theirs, "someone else's data.bin");
        Directory.Delete(fetch, recursive: true);
        Directory.CreateSymbolicLink(fetch, elsewhere);

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1012").And.Contain($"'{fetch}'").And.Contain("symbolic link or junction that Fetch.Build did not create"));
        Assert.That(File.ReadAllText(theirs), Is.EqualTo("someone else's data.bin"));
        Assert.That(Directory.GetFileSystemEntries(elsewhere), Is.EqualTo(new[] { theirs }));
    }

    [Test]
    public async Task Build_CacheWipedBetweenBuilds_ExtractedTreeIsAdoptedNotFB1012()
    {
        var archive = File.ReadAllBytes(Path.Combine(RepositoryRoot.Find(), "tests", "Core.Tests", "Fixtures", "Archives", "sample.tar.gz"));
        Server.Serve("sample.tar.gz", archive);
        using var project = Consumer(ConsumerProject.Artifact(Server.Url("sample.tar.gz").AbsoluteUri, ("Sha256", TestData.Sha256(archive)), ("Extract", "true")));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var readme = Path.Combine(project.Folder, "obj", "fetch", "sample", "sample", "README.txt");
        Assert.That(File.Exists(readme), Is.True);

        Directory.Delete(Cache.Path, recursive: true);
        // Any change sends the build past the project's state file, to the cache that no longer knows the tree.
        Server.Serve("data.bin", Content);
        project.Items.Add(ConsumerProject.Artifact(Server.Url("data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))));
        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Output, Does.Not.Contain("FB1012"));
        Assert.That(File.ReadAllText(readme), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(run.Report.Files.Select(f => f.RelativePath), Does.Contain("sample/README.txt"));
    }

    [Test]
    public async Task Build_CacheAlsoUsedByANewerFetchBuild_BuildsBesideItsRegistry_AndRefusesOneClaimingItsPlace()
    {
        Server.Serve("data.bin", Content);
        var item = ConsumerProject.Artifact(Server.Url("data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content)));
        using var first = Consumer(item);
        Assert.That((await first.BuildAsync()).Succeeded, Is.True);
        var ours = Directory.GetFiles(Cache.Path, "registry-v*.db").Single();
        var schema = int.Parse(Path.GetFileNameWithoutExtension(ours)["registry-v".Length..], CultureInfo.InvariantCulture);
        // What a Fetch.Build one schema newer leaves: its own file, with its own user_version.
        var newer = Path.Combine(Cache.Path, $"registry-v{schema + 1}.db");
        File.Copy(ours, newer);
        SetUserVersion(newer, schema + 1);
        var newerBefore = File.ReadAllBytes(newer);

        using var second = Consumer(item);
        var beside = await second.BuildAsync();

        Assert.That(beside.Succeeded, Is.True, beside.Output);
        Assert.That(beside.Report.Artifacts.Single().FromCache, Is.True);
        Assert.That(File.ReadAllBytes(newer), Is.EqualTo(newerBefore));

        // A newer user_version in this version's own file: refused, never used as if it were ours.
        SetUserVersion(ours, schema + 1);
        var oursBefore = File.ReadAllBytes(ours);
        using var third = Consumer(item);
        var refused = await third.BuildAsync();

        Assert.That(refused.Succeeded, Is.False);
        Assert.That(refused.Output, Does.Contain("error FB1007").And.Contain($"schema version {schema + 1}, newer than the {schema} this Fetch.Build knows"));
        Assert.That(File.ReadAllBytes(ours), Is.EqualTo(oursBefore));
        Assert.That(Server.RequestCount("data.bin"), Is.EqualTo(1));
    }

    /// <summary>SQLite keeps user_version big-endian at byte 60 of the database header; the file is checkpointed once no build has it open.</summary>
    private static void SetUserVersion(string database, int version)
    {
        using var file = File.Open(database, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(value, version);
        file.Position = 60;
        file.Write(value);
    }

    private ConsumerProject Consumer(string item)
    {
        var project = new ConsumerProject(Cache.Path);
        project.Items.Add(item);
        return project;
    }
}

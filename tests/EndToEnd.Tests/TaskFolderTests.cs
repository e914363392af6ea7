using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// The package's two task folders: tasks/net8.0 (IL, every SDK and platform) and
/// tasks/net10.0-linux-x64 (ReadyToRun images for a faster start, picked only where the runtime
/// can use them: a .NET 10+ MSBuild on Linux x64).
/// </summary>
public sealed class TaskFolderTests : ConsumerBuildFixture
{
    private const string Portable = "tasks/net8.0/";
    private const string ReadyToRun = "tasks/net10.0-linux-x64/";

    // A ReadyToRun image's PE machine is the architecture's XOR an OS value (Linux: 0x7B79).
    private const Machine LinuxX64 = (Machine)(0x8664 ^ 0x7B79);

    private static readonly string[] TaskAssemblies =
        ["Fetch.Build.dll", "Fetch.Build.Core.dll", "Microsoft.Data.Sqlite.dll", "SQLitePCLRaw.core.dll", "SQLitePCLRaw.provider.e_sqlite3.dll", "SQLitePCLRaw.batteries_v2.dll", "Polly.Core.dll", "SharpCompress.dll"];

    private static readonly byte[] Content = TestData.Bytes(50_000, seed: 11);

    private static bool ReadyToRunHere =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64 && Environment.Version.Major >= 10;

    [Test]
    public void Package_BothTaskFolders_HoldTheTaskItsDependenciesAndNoMSBuildAssembly()
    {
        using var package = ZipFile.OpenRead(Path.Combine(PackageFeed.FeedFolder, $"Fetch.Build.{PackageFeed.Version}.nupkg"));
        var names = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (var folder in new[] { Portable, ReadyToRun })
        {
            Assert.That(TaskAssemblies.Append("Fetch.Build.deps.json").Where(f => !names.Contains(folder + f)), Is.Empty, folder);
            Assert.That(names.Contains(folder + "runtimes/linux-x64/native/libe_sqlite3.so"), Is.True, folder);
        }

        Assert.That(names.Where(n => Path.GetFileName(n).StartsWith("Microsoft.Build", StringComparison.Ordinal)), Is.Empty);
        // The portable folder must load on every OS: a ReadyToRun image for one OS fails to load on another.
        Assert.That(names.Contains(Portable + "runtimes/win-x64/native/e_sqlite3.dll"), Is.True);
        Assert.That(TaskAssemblies.Where(a => ImageOf(package, Portable + a).IsReadyToRun), Is.Empty);
        Assert.That(TaskAssemblies.Except(["SharpCompress.dll"]).Select(a => (a, ImageOf(package, ReadyToRun + a))),
            Has.All.Matches<(string Name, Image Image)>(x => x.Image.IsReadyToRun && x.Image.Machine == LinuxX64));
    }

    [Test]
    public async Task Build_PicksTheFolderThisRuntimeCanUse_AndJitsNoMethodOfOursOnLinuxX64()
    {
        Server.Serve("files/data.bin", Content);
        using var project = Consumer();
        var jitLog = RecordJit(project);

        var run = await project.RunAsync("msbuild", "-restore", "-m:1", "-t:FetchArtifacts", "-p:TargetFramework=net10.0", "-getProperty:FetchBuildTaskFolder");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(run.Output.Replace('\\', '/'), Does.Contain(ReadyToRunHere ? ReadyToRun : Portable));
        var jitted = File.ReadAllLines(jitLog);
        // The log is real: MSBuild itself always JIT-compiles something.
        Assert.That(jitted, Has.Some.Contains("JIT compiled"));
        // Neither Core's methods nor the task's own (whose images need MSBuild's assemblies as references).
        var ours = jitted.Where(l => l.Contains("JIT compiled Fetch.Build.", StringComparison.Ordinal)).ToList();
        Assert.That(ours, ReadyToRunHere ? Is.Empty : Is.Not.Empty);
    }

    [Test]
    public async Task Build_WithThePortableFolder_FetchesAndCompilesCoreJustInTime()
    {
        Server.Serve("files/data.bin", Content);
        using var project = Consumer();
        var portable = Path.Combine(PackageFeed.PackagesFolder, "fetch.build", PackageFeed.Version, "tasks", "net8.0") + Path.DirectorySeparatorChar;
        project.Properties["FetchBuildTaskFolder"] = portable;
        var jitLog = RecordJit(project);

        var run = await project.RunAsync("msbuild", "-restore", "-m:1", "-t:FetchArtifacts", "-p:TargetFramework=net10.0");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllLines(jitLog), Has.Some.Contains("JIT compiled Fetch.Build.Core."));
    }

    private ConsumerProject Consumer()
    {
        var project = new ConsumerProject(Cache.Path);
        project.Items.Add(ConsumerProject.Artifact(Server.Url("files/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))));
        return project;
    }

    /// <summary>Has the runtime list every method it JIT-compiles during the build; returns the list's path.</summary>
    private static string RecordJit(ConsumerProject project)
    {
        var jitLog = Path.Combine(project.Folder, "jit.txt");
        project.Environment["DOTNET_JitStdOutFile"] = jitLog;
        project.Environment["DOTNET_JitDisasmSummary"] = "1";
        return jitLog;
    }

    private static Image ImageOf(ZipArchive package, string entry)
    {
        using var stream = new MemoryStream();
        using (var source = package.GetEntry(entry)!.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        return new Image(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, pe.PEHeaders.CoffHeader.Machine);
    }

    private readonly record struct Image(bool IsReadyToRun, Machine Machine);
}

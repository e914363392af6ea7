using System.Diagnostics;
using System.IO.Compression;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// A full disk is the cache's problem, not the archive's: the IOException comes out as it is,
/// for the caller to report, and is not turned into FB1008. Needs a tiny tmpfs, so root on Linux.
/// </summary>
public sealed class ArchiveExtractorDiskTests
{
    [Test]
    [Platform(Include = "Linux")]
    public void Extract_TargetDiskFull_ThrowsTheIOExceptionUnchanged()
    {
        using var sandbox = new ExtractionSandbox();
        if (!Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", sandbox.Target))
        {
            Assert.Ignore("mounting a tmpfs needs root");
        }

        try
        {
            var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(new byte[1 << 20]);
            }

            var exception = Assert.Catch(() => sandbox.Extract(sandbox.Save(packed.ToArray()), "big.gz"));

            Assert.That(exception, Is.InstanceOf<IOException>().And.Not.InstanceOf<FetchException>());
        }
        finally
        {
            Run("umount", "-l", sandbox.Target);
        }
    }

    private static bool Run(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

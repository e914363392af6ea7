using System.Security.Cryptography;

namespace Fetch.Build.Core.Placement;

/// <summary>SHA-256 on a thread of its own, one chunk at a time, so hashing overlaps the caller's I/O.</summary>
internal sealed class ChunkHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _idle = new(1);
    private readonly Thread _thread;
    private byte[] _chunk = [];
    private int _length;
    private bool _stopping;

    public ChunkHasher()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Fetch.Build hash" };
        _thread.Start();
    }

    /// <summary>Waits for the previous chunk to be hashed, then hands this one over. The caller must not touch it until the next call.</summary>
    public void Begin(byte[] chunk, int length)
    {
        _idle.Wait();
        _chunk = chunk;
        _length = length;
        _start.Release();
    }

    /// <summary>Waits for the last chunk and returns the digest, lower-case hex.</summary>
    public string Finish()
    {
        _idle.Wait();
        var digest = Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();
        _idle.Release();
        return digest;
    }

    public void Dispose()
    {
        _idle.Wait();
        _stopping = true;
        _start.Release();
        _thread.Join();
        _hash.Dispose();
        _start.Dispose();
        _idle.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            _hash.AppendData(_chunk, 0, _length);
            _idle.Release();
        }
    }
}

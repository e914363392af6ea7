namespace Fetch.Build.Core.Pinning;

/// <summary>What pins an artifact's bytes, as <see cref="Pins.SourceOf"/> decides it.</summary>
internal enum PinSource
{
    /// <summary>Its own digest metadata: the item wins over the lock file.</summary>
    Item,

    /// <summary>Its entry in the lock file.</summary>
    LockFile,

    /// <summary>Nothing yet: the lock file is on and has no entry, so what is fetched is recorded (trust on first use).</summary>
    FirstUse,

    /// <summary>Nothing: no lock file, or one that cannot tell this URL from another (FB1005).</summary>
    None,
}

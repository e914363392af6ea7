namespace Fetch.Build.Core.Extraction;

/// <summary>What an archive entry asks to create. Only the first four are ever created.</summary>
internal enum EntryKind
{
    File,
    Directory,
    SymbolicLink,
    HardLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}

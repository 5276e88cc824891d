using System.Globalization;

namespace Latency.World.Native;

/// <summary>
/// A folder only its owner can change: a real directory (not a symbolic link), owned by the effective user, not
/// writable by group or others. The world's state folder must be one, because its files say which processes to
/// signal and which namespaces to delete, and a folder at a predictable path (/tmp/latency-world-UID) can be made
/// by someone else first.
/// </summary>
public static unsafe class PrivateFolder
{
    /// <summary>Owner read, write and search: what a private folder is created with.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Why <paramref name="path"/> is not a private folder of <paramref name="owner"/>; null when it is, or when it
    /// does not exist. Looks at the path itself, never at what a symbolic link points to.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="owner">The user id that must own it (the effective uid outside tests).</param>
    public static string? Problem(string path, uint owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var buffer = default(Libc.StatxBuffer);
        if (Libc.Statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_TYPE | Libc.STATX_MODE | Libc.STATX_UID, &buffer) < 0)
        {
            var errno = Libc.LastError;
            return errno == Libc.ENOENT ? null : $"{path} cannot be examined: {Libc.Describe(errno)}";
        }

        var type = buffer.Mode & Libc.S_IFMT;
        var problems = new List<string>();
        if (type == Libc.S_IFLNK)
        {
            problems.Add("is a symbolic link");
        }
        else if (type != Libc.S_IFDIR)
        {
            problems.Add("is not a directory");
        }

        if (buffer.Uid != owner)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"is owned by uid {buffer.Uid}, not by uid {owner}"));
        }

        if ((buffer.Mode & 0b000_010_010) != 0)
        {
            problems.Add("is writable by " + ((buffer.Mode & 0b000_010_000) != 0 ? "its group" : "others") +
                         string.Create(CultureInfo.InvariantCulture, $" (mode {Convert.ToString(buffer.Mode & 0b111_111_111, 8)})"));
        }

        return problems.Count == 0 ? null : $"{path} {string.Join(", ", problems)}";
    }

    /// <summary>
    /// Creates <paramref name="path"/> 0700 when it does not exist, then checks it is private to the effective user;
    /// throws <see cref="UnsafeFolderException"/> when it is not (someone else made it first, or it is a link).
    /// </summary>
    /// <param name="path">The folder.</param>
    public static void Ensure(string path)
    {
        if (!Exists(path))
        {
            // Created with the mode, not chmod-ed after: there is no moment when it is open to others. Checked again
            // below, since someone may have made it between the look and the creation.
            // The world is Linux-only (namespaces, TUN); the guard is for the platform analyzer.
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path, Mode);
            }
        }

        ThrowIfUnsafe(path);
    }

    /// <summary>Whether <paramref name="path"/> exists (a link counts, whatever it points to).</summary>
    /// <param name="path">The folder.</param>
    public static bool Exists(string path)
    {
        var buffer = default(Libc.StatxBuffer);
        return Libc.Statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_TYPE, &buffer) == 0;
    }

    /// <summary>Throws <see cref="UnsafeFolderException"/> when <paramref name="path"/> exists and is not private to the effective user.</summary>
    /// <param name="path">The folder.</param>
    public static void ThrowIfUnsafe(string path)
    {
        if (Problem(path, Libc.GetEffectiveUserId()) is { } problem)
        {
            throw new UnsafeFolderException($"refusing to use the world's state folder: {problem}; remove it, or set LATENCY_WORLD_DIR to a folder of your own");
        }
    }
}

using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Reading <c>ldd</c>: the files a binary needs in an image built from this machine.</summary>
public sealed class LddOutputTests
{
    [Fact]
    public void ListsLibrariesAndTheLoaderButNoVirtualObject()
    {
        const string Output = """
            	linux-vdso.so.1 (0x00007efc49548000)
            	libatomic.so.1 => /lib/x86_64-linux-gnu/libatomic.so.1 (0x00007efc4952c000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007efc4861e000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007efc4954a000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007efc4861e000)
            """;

        Assert.Equal(
            ["/lib/x86_64-linux-gnu/libatomic.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            LddOutput.ParseLibraries(Output));
    }

    [Fact]
    public void StaticBinaryNeedsNothing()
    {
        Assert.Empty(LddOutput.ParseLibraries("\tstatically linked\n"));
    }

    [Fact]
    public void MissingLibraryIsAnError()
    {
        var ex = Assert.Throws<FormatException>(() => LddOutput.ParseLibraries("\tlibssl.so.3 => not found\n"));

        Assert.Contains("libssl.so.3", ex.Message, StringComparison.Ordinal);
    }
}

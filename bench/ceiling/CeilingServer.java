// The HTTP ceiling of issue 19 (bench/http-ceiling.sh): the apply server's Netty pipeline (same codec limits, same
// aggregator bound, same socket options, one event loop per core) with a handler that answers every request with a
// constant 201 of the apply answer's size, touching no Redis and no Kafka. Run from the server jar's extracted
// libraries (single-file source launch): java -cp '<extracted>/lib/*' CeilingServer.java <port>
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

public final class CeilingServer {

    private static final byte[] BODY = "{\"outcome\":\"ISSUED\",\"eventId\":1000000000001,\"userId\":\"ceiling-t0-1000000\",\"rank\":1000000}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        var group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
        new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(1024))
                                .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        var response = new DefaultFullHttpResponse(
                                                HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED, Unpooled.wrappedBuffer(BODY));
                                        response.headers()
                                                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                                .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
                                        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
                                        ctx.writeAndFlush(response);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port)
                .sync();
        System.out.println("ceiling server listening on " + port);
        Thread.currentThread().join();
    }
}

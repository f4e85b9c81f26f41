/* The program of a layer's link check (CMakeLists.txt, kaoping_layer): it calls nothing, so
 * what the link needs is exactly what the layer's own objects call. */
int main(void)
{
    return 0;
}

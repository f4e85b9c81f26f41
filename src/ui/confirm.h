/* A delete asked about after the store has had its say: the delete first runs in a transaction
 * that is rolled back, so the store's refusal (a unit that has targets, an item that has
 * progress) shows at once, in the store's own words, and only a delete the store would do is
 * asked about (y/N) and then run for real in one transaction. */
#ifndef KAOPING_UI_CONFIRM_H
#define KAOPING_UI_CONFIRM_H

struct ui_delete {
    char question[1024];         /* names what is lost: 删除单位 X97「县测试局」? (y/N) */
    char done[128];              /* the status after the delete: 已删除 X97 */
    char key[64];                /* what run deletes (a code or an id) */
    int (*run)(const char *key); /* the store call, a STORE_* status; called in a transaction */
    void (*after)(void *self);   /* reloads the screen after a delete or a refusal */
    void *self;                  /* the screen's state, for after */
    const char *instead;         /* added to a refusal: what to do instead (or NULL) */
};

/* Copies d; a refusal goes to the status line as 不能删除: <reason> (the reason alone when it
 * says 不能删除 itself) and d->instead, a no as 未删除. */
void ui_confirm_delete(const struct ui_delete *d);

#endif

// The domain already writes pence as pounds for its messages; pages re-export that one rule rather
// than keep a second copy that could round or separate thousands differently.
export { formatPounds } from '@sg/complaints';
